using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PromptWatch.Notifications;

/// <summary>
/// Which channels to register: <c>AddAlertChannels()</c> reads the options as they stand when it runs (the host
/// builder's configuration, which hosts register as an instance, then the code's settings), because a channel that is
/// not configured must not be an <see cref="PromptWatch.Alerting.IAlertChannel"/> at all.
/// </summary>
internal static class AlertChannelRegistrations
{
    public static AlertChannelOptions Preview(IServiceCollection services, Action<AlertChannelOptions>? configure)
    {
        var options = new AlertChannelOptions();
        if (services.LastOrDefault(static d => d.ServiceType == typeof(IConfiguration) && !d.IsKeyedService)?.ImplementationInstance is IConfiguration configuration)
        {
            AlertChannelOptionsSetup.Bind(configuration, options);
        }

        configure?.Invoke(options);
        return options;
    }

    /// <summary>Whether the channel was registered by an earlier call.</summary>
    public static bool IsRegistered(IServiceCollection services, string channel) =>
        services.Any(d => d.ServiceType == typeof(RegisteredAlertChannel) && !d.IsKeyedService && d.ImplementationInstance is RegisteredAlertChannel { Name: var name } && name == channel);
}

/// <summary>Marks a channel registered, so that calling <c>AddAlertChannels()</c> again adds it once.</summary>
/// <param name="Name">The channel's name.</param>
internal sealed record RegisteredAlertChannel(string Name);
