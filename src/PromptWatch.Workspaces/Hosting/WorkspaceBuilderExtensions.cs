using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore;
using PromptWatch.Diagnostics;
using PromptWatch.Parsing;
using PromptWatch.Repositories;
using PromptWatch.Workspaces;

namespace PromptWatch.Hosting;

/// <summary>Adds multi-user workspaces to PromptWatch.</summary>
public static class WorkspaceBuilderExtensions
{
    /// <summary>
    /// Adds workspaces: <see cref="WorkspaceOptions"/> bound from <c>PromptWatch:Workspaces</c> and then
    /// <paramref name="configure"/>, validated on start; the <see cref="WorkspaceManager"/>; the credential source
    /// that <see cref="WorkspaceOptions.CredentialSource"/> names (unless the host registered its own
    /// <see cref="IWorkspaceCredentialSource"/>); the <see cref="WorkspaceMetrics"/>; the health check
    /// <c>promptwatch:workspaces</c> and one <c>/health/detailed</c> entry per workspace alive, as
    /// <see cref="WorkspaceOptions.HealthChecks"/> shapes them. Workspace monitors read their repositories through the
    /// host's <see cref="IRepositorySourceFactory"/>, as the host's own monitor does. Nothing is served unless
    /// <see cref="WorkspaceOptions.Enabled"/>; then the host needs no repository of its own
    /// (<see cref="PromptWatchOptions.AllowNoRepositories"/>), and <c>app.MapPromptWatchWorkspaces()</c> maps the
    /// <c>/{user}/{cluster}</c> and <c>/{user}</c> routes.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddWorkspaces(this IPromptWatchBuilder builder, Action<WorkspaceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<WorkspaceOptions>()
            .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(WorkspaceOptions.SectionName).Bind(options))
            .ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkspaceOptions>, WorkspaceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PromptWatchOptions>, WorkspacePromptWatchOptionsSetup>());
        services.TryAddSingleton(static provider => new WorkspaceMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IWorkspaceCredentialSource>(static provider =>
        {
            var settings = provider.GetRequiredService<IOptions<WorkspaceOptions>>().Value;
            return settings.CredentialSource switch
            {
                WorkspaceCredentialSourceKind.Environment => new EnvironmentWorkspaceCredentialSource(settings.EnvironmentPrefix),
                WorkspaceCredentialSourceKind.Files => new FileWorkspaceCredentialSource(settings.CredentialsDirectory!),
                _ => new ConfigurationWorkspaceCredentialSource(provider.GetService<IConfiguration>()?.GetSection(ConfigurationWorkspaceCredentialSource.DefaultSectionName)),
            };
        });
        services.TryAddSingleton(static provider => new WorkspaceManager(
            provider.GetRequiredService<IOptions<WorkspaceOptions>>(),
            provider.GetRequiredService<IOptions<PromptWatchOptions>>(),
            provider.GetRequiredService<IWorkspaceCredentialSource>(),
            provider.GetRequiredService<PromptWatchMetrics>(),
            provider.GetRequiredService<WorkspaceMetrics>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ConfigParserSelector>(),
            provider.GetService<IWorkspaceResultStoreFactory>(),
            provider.GetService<IRepositorySourceFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WorkspaceLifetimeService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, WorkspaceHealthCheckRegistration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthReportContributor, WorkspaceHealthReportContributor>());
        return builder;
    }
}
