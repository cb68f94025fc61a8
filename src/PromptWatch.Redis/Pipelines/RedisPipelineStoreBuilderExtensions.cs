using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PromptWatch.Redis;

namespace PromptWatch.Pipelines;

/// <summary>Keeps the pipeline monitor's runs, jobs and deployments in Redis, shared by every replica.</summary>
public static class RedisPipelineStoreBuilderExtensions
{
    /// <summary>
    /// Replaces the <see cref="IPipelineStore"/> (the in-memory default) with a <see cref="RedisPipelineStore"/>, so that a
    /// webhook that reaches one replica updates what every replica shows. It uses the package's connection, configured in
    /// <c>PromptWatch:Redis</c> (then <paramref name="configureConnection"/>) and shared with the other Redis stores; its
    /// key prefix binds from <c>PromptWatch:Pipelines:Redis</c>, then <paramref name="configure"/>. Validated on start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPipelines()</c>.</param>
    /// <param name="configure">Sets the key prefix in code, after configuration.</param>
    /// <param name="configureConnection">Sets where Redis is in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPipelineBuilder AddRedisPipelineStore(this IPipelineBuilder builder, Action<RedisPipelineStoreOptions>? configure = null, Action<RedisCounterStoreOptions>? configureConnection = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        RedisConnectionRegistration.AddRedisConnection(services, configureConnection);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RedisPipelineStoreOptions>, RedisPipelineStoreOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisPipelineStoreOptions>, RedisPipelineStoreOptionsValidator>());
        var options = services.AddOptions<RedisPipelineStoreOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(static provider => new RedisPipelineStore(
            provider.GetRequiredService<RedisConnection>(),
            ownsConnection: false,
            provider.GetRequiredService<IOptions<RedisPipelineStoreOptions>>().Value,
            provider.GetRequiredService<IOptions<PipelineOptions>>().Value,
            provider.GetService<TimeProvider>()));
        // The in-memory default gives way; later TryAdd calls find this one.
        services.RemoveAll<IPipelineStore>();
        services.AddSingleton<IPipelineStore>(static provider => provider.GetRequiredService<RedisPipelineStore>());
        return builder;
    }
}
