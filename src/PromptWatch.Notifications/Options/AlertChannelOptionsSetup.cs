using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PromptWatch.Notifications;

/// <summary>Binds <see cref="AlertChannelOptions"/> from <c>PromptWatch:Alerting</c>.</summary>
internal sealed class AlertChannelOptionsSetup(IServiceProvider services) : IConfigureOptions<AlertChannelOptions>
{
    public void Configure(AlertChannelOptions options)
    {
        if (services.GetService<IConfiguration>() is { } configuration) Bind(configuration, options);
    }

    /// <summary>
    /// Applies the <c>PromptWatch:Alerting</c> section of <paramref name="configuration"/> to <paramref name="options"/>;
    /// <c>Email:To</c> may also be one value (<c>a@example.com, b@example.com</c>) rather than a list.
    /// </summary>
    public static void Bind(IConfiguration configuration, AlertChannelOptions options)
    {
        var section = configuration.GetSection(AlertChannelOptions.SectionName);
        section.Bind(options);
        if (section["Email:To"] is { Length: > 0 } flat) options.Email.To.Add(flat);
    }
}
