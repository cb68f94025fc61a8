using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.GitHub;
using PromptWatch.GitHub.Pipelines;

namespace PromptWatch.Pipelines;

/// <summary>Adds GitHub Actions to the pipeline monitor.</summary>
public static class GitHubPipelineBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="GitHubActionsPipelineProvider"/> (an <see cref="IPipelineProvider"/>), the reconcile poll
    /// (a hosted service; <see cref="GitHubActionsOptions.Poll"/> turns it off), the <c>promptwatch:github-actions</c>
    /// health check. A host that also receives GitHub webhooks (<c>AddGitHubWebhooks()</c>) feeds its
    /// <c>workflow_run</c>, <c>workflow_job</c>, <c>check_run</c>, <c>deployment</c> and <c>deployment_status</c>
    /// deliveries into the pipeline store whenever <c>AddPipelines()</c> was called, with or without this provider. Options bind from <c>PromptWatch:Pipelines:GitHub</c> and the flat names
    /// <c>GITHUB_TOKEN</c>, <c>GITHUB_OWNER</c>, <c>GITHUB_REPO</c> and <c>GITHUB_API_URL</c>, then
    /// <paramref name="configure"/>, and are validated on start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPipelines()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPipelineBuilder AddGitHubActions(this IPipelineBuilder builder, Action<GitHubActionsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var again = services.Any(static d => d.ServiceType == typeof(GitHubActionsPipelineProvider));
        var options = services.AddOptions<GitHubActionsOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        if (again) return builder;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<GitHubActionsOptions>, GitHubActionsOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitHubActionsOptions>, GitHubActionsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new GitHubApiTraffic(provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(static provider => new GitHubActionsMetrics(provider.GetRequiredService<GitHubApiTraffic>(), provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<GitHubActionsConnection>();
        services.TryAddSingleton(static provider => new GitHubFailures(provider.GetRequiredService<GitHubApiTraffic>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(static provider => new GitHubLogDownloader(provider.GetRequiredService<GitHubActionsConnection>(), provider.GetRequiredService<GitHubApiTraffic>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(static provider => new GitHubActionsPipelineProvider(
            provider.GetRequiredService<IOptions<GitHubActionsOptions>>(),
            provider.GetRequiredService<IOptions<PipelineOptions>>(),
            provider.GetRequiredService<GitHubActionsConnection>(),
            provider.GetRequiredService<GitHubFailures>(),
            provider.GetRequiredService<GitHubLogDownloader>(),
            provider.GetRequiredService<ILogger<GitHubActionsPipelineProvider>>()));
        services.AddSingleton<IPipelineProvider>(static provider => provider.GetRequiredService<GitHubActionsPipelineProvider>());
        services.TryAddSingleton<GitHubReconcilePoller>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GitHubReconcilePoller>(static provider => provider.GetRequiredService<GitHubReconcilePoller>()));

        services.AddHealthChecks();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, GitHubActionsHealthCheckRegistration>());
        return builder;
    }
}
