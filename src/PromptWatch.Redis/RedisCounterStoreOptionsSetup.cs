using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>Binds <see cref="RedisCounterStoreOptions"/> from the package's own section, <c>PromptWatch:Redis</c>.</summary>
internal sealed class RedisCounterStoreOptionsSetup(IServiceProvider services) : IConfigureOptions<RedisCounterStoreOptions>
{
    public void Configure(RedisCounterStoreOptions options)
    {
        if (services.GetService<IConfiguration>() is { } configuration) Bind(configuration, options);
    }

    /// <summary>Applies the <c>PromptWatch:Redis</c> section of <paramref name="configuration"/> to <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, RedisCounterStoreOptions options) =>
        configuration.GetSection(RedisCounterStoreOptions.SectionName).Bind(options);
}
