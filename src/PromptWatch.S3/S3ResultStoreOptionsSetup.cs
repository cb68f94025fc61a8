using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptWatch.S3;

/// <summary>Binds <see cref="S3ResultStoreOptions"/> from the package's own section, <c>PromptWatch:S3</c>.</summary>
internal sealed class S3ResultStoreOptionsSetup(IServiceProvider services) : IConfigureOptions<S3ResultStoreOptions>
{
    public void Configure(S3ResultStoreOptions options)
    {
        if (services.GetService<IConfiguration>() is { } configuration) Bind(configuration, options);
    }

    /// <summary>Applies the <c>PromptWatch:S3</c> section of <paramref name="configuration"/> to <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, S3ResultStoreOptions options) =>
        configuration.GetSection(S3ResultStoreOptions.SectionName).Bind(options);
}
