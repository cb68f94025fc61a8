using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>
/// The package's one connection in a host: <see cref="RedisCounterStoreOptions"/> from <c>PromptWatch:Redis</c>
/// (validated on start) and the <see cref="RedisConnection"/> singleton that the counter store, the alert store and the
/// health check share.
/// </summary>
internal static class RedisConnectionRegistration
{
    public static void AddRedisConnection(IServiceCollection services, Action<RedisCounterStoreOptions>? configure)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RedisCounterStoreOptions>, RedisCounterStoreOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisCounterStoreOptions>, RedisCounterStoreOptionsValidator>());
        var options = services.AddOptions<RedisCounterStoreOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(static provider => new RedisConnection(
            provider.GetRequiredService<IOptions<RedisCounterStoreOptions>>().Value,
            provider.GetService<ILogger<RedisCounterStore>>()));
    }
}
