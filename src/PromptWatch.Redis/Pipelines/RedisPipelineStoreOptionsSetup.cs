using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptWatch.Redis;

/// <summary>Binds <see cref="RedisPipelineStoreOptions"/> from <c>PromptWatch:Pipelines:Redis</c>.</summary>
internal sealed class RedisPipelineStoreOptionsSetup(IServiceProvider services) : IConfigureOptions<RedisPipelineStoreOptions>
{
    public void Configure(RedisPipelineStoreOptions options)
    {
        if (services.GetService<IConfiguration>() is { } configuration) configuration.GetSection(RedisPipelineStoreOptions.SectionName).Bind(options);
    }
}
