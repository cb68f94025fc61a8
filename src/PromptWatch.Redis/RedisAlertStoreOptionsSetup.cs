using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>Binds <see cref="RedisAlertStoreOptions"/> from <c>PromptWatch:Alerting:Redis</c>.</summary>
internal sealed class RedisAlertStoreOptionsSetup(IServiceProvider services) : IConfigureOptions<RedisAlertStoreOptions>
{
    public void Configure(RedisAlertStoreOptions options)
    {
        if (services.GetService<IConfiguration>() is { } configuration) configuration.GetSection(RedisAlertStoreOptions.SectionName).Bind(options);
    }
}
