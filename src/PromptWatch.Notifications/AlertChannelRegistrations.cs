using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PromptWatch.Notifications;

/// <summary>
/// Which channels to register: <c>AddAlertChannels()</c> reads the options as they stand when it runs (the host
/// builder's configuration, then the code's settings), because a channel that is not configured must not be an
/// <see cref="PromptWatch.Alerting.IAlertChannel"/> at all. Host builders register their configuration as an instance
/// or as a factory that returns it (<c>HostApplicationBuilder</c>: <c>_ =&gt; Configuration</c>); the factory is
/// called with a provider that offers no services.
/// </summary>
internal static class AlertChannelRegistrations
{
    public static AlertChannelOptions Preview(IServiceCollection services, Action<AlertChannelOptions>? configure)
    {
        var options = new AlertChannelOptions();
        if (HostConfiguration(services) is { } configuration) AlertChannelOptionsSetup.Bind(configuration, options);
        configure?.Invoke(options);
        return options;
    }

    private static IConfiguration? HostConfiguration(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(static d => d.ServiceType == typeof(IConfiguration) && !d.IsKeyedService);
        if (descriptor is null) return null;
        if (descriptor.ImplementationInstance is IConfiguration instance) return instance;
        if (descriptor.ImplementationFactory is not { } factory) return null;
        try
        {
            return factory(NoServices.Instance) as IConfiguration;
        }
        catch (InvalidOperationException)
        {
            return null; // A factory that needs services: the configuration is not known before the host is built.
        }
    }

    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }

    /// <summary>Whether the channel was registered by an earlier call.</summary>
    public static bool IsRegistered(IServiceCollection services, string channel) =>
        services.Any(d => d.ServiceType == typeof(RegisteredAlertChannel) && !d.IsKeyedService && d.ImplementationInstance is RegisteredAlertChannel { Name: var name } && name == channel);
}

/// <summary>Marks a channel registered, so that calling <c>AddAlertChannels()</c> again adds it once.</summary>
/// <param name="Name">The channel's name.</param>
internal sealed record RegisteredAlertChannel(string Name);
