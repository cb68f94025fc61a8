using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore.Health;

namespace PromptWatch.Hosting;

/// <summary>
/// Health checks beyond the repositories and result stores, configured under <c>PromptWatch:Health</c>. Each also gives
/// every check of the host that has no timeout of its own <c>PromptWatch:Health:CheckTimeout</c> (default 5 seconds).
/// </summary>
public static class PromptWatchHealthBuilderExtensions
{
    /// <summary>
    /// Adds <c>resources:cpu</c>, <c>resources:memory</c> (container limits included) and <c>resources:disk</c> (the disks
    /// of the repository cache folder and of <c>PromptWatch:Health:Resources:DataDirectories</c>), tagged <c>resources</c>:
    /// Degraded at or above 80 % CPU, 85 % memory, 90 % disk, Unhealthy at or above 95 %, unless
    /// <c>PromptWatch:Health:Resources:{Cpu,Memory,Disk}:{Degraded,Unhealthy}</c> say otherwise.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddSystemResourceHealthChecks(this IPromptWatchBuilder builder)
    {
        AddHealthSettings(builder);
        builder.Services.AddResourceMonitoring();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, ResourceHealthCheckRegistrations>());
        return builder;
    }

    /// <summary>
    /// Adds one check per <c>PromptWatch:Health:Endpoints:&lt;name&gt;</c> (Url, Method default GET, ExpectedStatus
    /// default 200, Timeout default 5 s, Headers, Tags default <c>endpoint</c>), named <c>endpoint:&lt;name&gt;</c>.
    /// Header values are never shown.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddEndpointHealthChecks(this IPromptWatchBuilder builder)
    {
        AddHealthSettings(builder);
        // No request logging: URLs may hold user info and headers tokens.
        builder.Services.AddHttpClient(EndpointHealthCheck.ClientName).RemoveAllLoggers();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, EndpointHealthCheckRegistrations>());
        return builder;
    }

    /// <summary>
    /// Adds <c>configuration</c> (tag <c>configuration</c>; <c>PromptWatch:Health:Configuration</c> sets Name, Tags,
    /// FailureStatus, Enabled): what is configured, and Degraded with the reason when no repository or no result store is.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddConfigurationHealthCheck(this IPromptWatchBuilder builder)
    {
        AddHealthSettings(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, ConfigurationHealthCheckRegistration>());
        return builder;
    }

    private static void AddHealthSettings(IPromptWatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(IValidateOptions<HealthSettings>))) return;
        services.AddOptions<HealthSettings>().BindConfiguration(HealthSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthSettings>, HealthSettingsValidator>();
        services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>, DefaultHealthCheckTimeout>();
    }
}
