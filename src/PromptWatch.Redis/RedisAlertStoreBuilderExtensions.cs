using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Redis;

namespace PromptWatch.Hosting;

/// <summary>Keeps the alerting engine's state in Redis, shared by every replica.</summary>
public static class RedisAlertStoreBuilderExtensions
{
    /// <summary>
    /// Replaces the <see cref="IAlertStore"/> (the in-memory default, or another store) with a <see cref="RedisAlertStore"/>:
    /// rules, alerts, silences and history are shared by every replica, and notification claims make each notification go
    /// out from one replica. It uses the package's connection, configured in <c>PromptWatch:Redis</c> (then
    /// <paramref name="configureConnection"/>) and shared with <c>AddRedisCounters()</c>; its own options bind from
    /// <c>PromptWatch:Alerting:Redis</c>, then <paramref name="configure"/>. Both are validated when the host starts. Adds the
    /// health check <c>promptwatch:alerting:redis</c> (see <see cref="RedisAlertStoreOptions.HealthChecks"/>).
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets the key prefix and history cap in code, after configuration.</param>
    /// <param name="configureConnection">Sets where Redis is in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddRedisAlertStore(this IPromptWatchBuilder builder, Action<RedisAlertStoreOptions>? configure = null, Action<RedisCounterStoreOptions>? configureConnection = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        RedisConnectionRegistration.AddRedisConnection(services, configureConnection);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RedisAlertStoreOptions>, RedisAlertStoreOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisAlertStoreOptions>, RedisAlertStoreOptionsValidator>());
        var options = services.AddOptions<RedisAlertStoreOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(static provider => new RedisAlertStore(
            provider.GetRequiredService<RedisConnection>(),
            ownsConnection: false,
            provider.GetRequiredService<IOptions<RedisAlertStoreOptions>>().Value,
            provider.GetService<IMeterFactory>(),
            provider.GetService<TimeProvider>()));
        // Whatever registered a store before (the in-memory default) gives way; later TryAdd calls find this one.
        services.RemoveAll<IAlertStore>();
        services.AddSingleton<IAlertStore>(static provider => provider.GetRequiredService<RedisAlertStore>());
        services.AddHealthChecks();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, RedisAlertStoreHealthCheckRegistration>());
        return builder;
    }
}
