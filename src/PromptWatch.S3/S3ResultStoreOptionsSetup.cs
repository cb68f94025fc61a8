using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptWatch.S3;

/// <summary>
/// Binds <see cref="S3ResultStoreOptions"/> from the <c>PromptWatch:S3</c> section, then from the replaced tool's flat
/// names (<c>S3_ENDPOINT</c> and the like, usually environment variables), which win when present.
/// </summary>
internal sealed class S3ResultStoreOptionsSetup(IServiceProvider services) : IConfigureOptions<S3ResultStoreOptions>
{
    public void Configure(S3ResultStoreOptions options)
    {
        if (services.GetService<IConfiguration>() is { } configuration) Bind(configuration, options);
    }

    /// <summary>Applies the section and then the flat names of <paramref name="configuration"/> to <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, S3ResultStoreOptions options)
    {
        configuration.GetSection(S3ResultStoreOptions.SectionName).Bind(options);
        if (Flat(configuration, "S3_ENDPOINT") is { } endpoint) options.Endpoint = endpoint;
        if (Flat(configuration, "S3_ACCESS_KEY") is { } accessKey) options.AccessKey = accessKey;
        if (Flat(configuration, "S3_SECRET_KEY") is { } secretKey) options.SecretKey = secretKey;
        if (Flat(configuration, "S3_BUCKET_NAME") is { } bucket) options.Bucket = bucket;
        if (Flat(configuration, "S3_UI_URL") is { } uiUrl) options.UiUrl = uiUrl;
        if (Flat(configuration, "S3_REGION") is { } region) options.Region = region;
        if (Flat(configuration, "S3_REFRESH_INTERVAL") is { } refresh)
        {
            if (double.TryParse(refresh, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds <= TimeSpan.MaxValue.TotalSeconds)
            {
                options.RefreshInterval = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                options.InvalidSettings.Add($"S3_REFRESH_INTERVAL must be a number of seconds (it is '{refresh}').");
            }
        }
    }

    private static string? Flat(IConfiguration configuration, string name) => configuration[name] is { Length: > 0 } value ? value.Trim() : null;
}
