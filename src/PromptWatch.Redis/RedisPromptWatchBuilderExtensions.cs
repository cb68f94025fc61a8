using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.Counters;
using PromptWatch.Redis;

namespace PromptWatch.Hosting;

/// <summary>Keeps PromptWatch's counters in Redis, shared by every replica.</summary>
public static class RedisPromptWatchBuilderExtensions
{
    /// <summary>
    /// Replaces the <see cref="ICounterStore"/> with a <see cref="RedisCounterStore"/> on one shared StackExchange.Redis
    /// connection, made on first use (so the host starts while Redis is down) and closed with the host. Options come
    /// from the <c>PromptWatch:Redis</c> configuration section, then <paramref name="configure"/>; they are validated
    /// when the host starts. Adds the health check <c>promptwatch:counters:redis</c> (tags <c>promptwatch</c>, <c>counters</c>),
    /// which <see cref="RedisCounterStoreOptions.HealthChecks"/> renames, retags, gives another failure status or leaves out.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddRedisCounters(this IPromptWatchBuilder builder, Action<RedisCounterStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        RedisConnectionRegistration.AddRedisConnection(services, configure);
        services.TryAddSingleton(static provider => new RedisCounterStore(
            provider.GetRequiredService<RedisConnection>(),
            ownsConnection: false,
            new RedisCounterMetrics(provider.GetService<IMeterFactory>()),
            ownsMetrics: true,
            provider.GetService<TimeProvider>()));
        // Whatever registered a counter store before (the in-memory default) gives way; later TryAdd calls find this one.
        services.RemoveAll<ICounterStore>();
        services.AddSingleton<ICounterStore>(static provider => provider.GetRequiredService<RedisCounterStore>());
        services.AddHealthChecks();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, RedisHealthCheckRegistration>());
        return builder;
    }
}
