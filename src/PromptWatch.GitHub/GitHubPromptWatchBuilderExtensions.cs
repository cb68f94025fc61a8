using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Counters;
using PromptWatch.GitHub;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Counting;
using PromptWatch.GitHub.Endpoints;
using PromptWatch.GitHub.Events;
using PromptWatch.GitHub.Hosting;
using PromptWatch.GitHub.Pipelines;
using PromptWatch.GitHub.Receiving;
using PromptWatch.GitHub.Rescans;

namespace PromptWatch.Hosting;

/// <summary>Adds the GitHub integration to PromptWatch.</summary>
public static class GitHubPromptWatchBuilderExtensions
{
    /// <summary>
    /// Adds the webhook receiver's services (queue, processing service, <see cref="GitHubEventProcessor"/>),
    /// activity counters in the <see cref="ICounterStore"/> (in memory unless another store, such as Redis, is
    /// registered), alerts (published to the alerting engine, which is added with <c>AddAlerting()</c> unless the host
    /// added it; notifications go to the channels of <c>AddAlertChannels()</c>), instant rescans and the <c>promptwatch:github</c> health check (shaped by
    /// <see cref="GitHubWebhookOptions.HealthChecks"/>).
    /// Options bind from <c>PromptWatch:GitHub</c>, then <paramref name="configure"/>, and are validated on start.
    /// Map the endpoints with <c>MapGitHubWebhooks()</c> and <c>MapGitHubActivity()</c>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>The builder.</returns>
    public static IPromptWatchBuilder AddGitHubWebhooks(this IPromptWatchBuilder builder, Action<GitHubWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var again = services.Any(static d => d.ServiceType == typeof(WebhookQueue));
        var options = services.AddOptions<GitHubWebhookOptions>()
            .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(GitHubWebhookOptions.SectionName).Bind(options))
            .ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        if (again) return builder;
        options.PostConfigure(static o => o.Rules.ApplyDefaults());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitHubWebhookOptions>, GitHubWebhookOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICounterStore>(static provider => new InMemoryCounterStore(provider.GetService<TimeProvider>()));
        services.TryAddSingleton(static provider => new GitHubMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<GitHubEventProcessor>();
        services.TryAddSingleton<ActivityCounters>();
        services.TryAddSingleton<WebhookQueue>();
        services.TryAddSingleton<WebhookReceipts>();
        services.TryAddSingleton<WebhookDeadLetters>();
        services.TryAddSingleton<GitHubWebhookStatus>();
        services.TryAddSingleton<WatchedRepositories>();
        services.TryAddSingleton<InstantRescanner>();
        services.TryAddSingleton<WebhookEndpoint>();
        services.TryAddSingleton<ActivityEndpoints>();
        services.TryAddSingleton(static provider => new GitHubAlerts(
            provider.GetRequiredService<IOptions<GitHubWebhookOptions>>(),
            provider.GetRequiredService<IAlertEventPublisher>(),
            provider.GetRequiredService<ILogger<GitHubAlerts>>(),
            provider.GetRequiredService<GitHubMetrics>()));
        services.TryAddSingleton(static provider => new CounterStoreAlerts(
            provider.GetRequiredService<ICounterStore>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<IAlertEventPublisher>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookProcessingService>());
        // Runs, jobs and deployments into the pipeline store, when the host called AddPipelines() (in any order).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGitHubDeliverySink, GitHubPipelineWebhooks>());

        // Alerts become events of the engine; a host that added it (with its own settings) keeps that one.
        if (!services.Any(static d => d.ServiceType == typeof(IAlertEventPublisher))) builder.AddAlerting();

        services.AddHealthChecks();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, GitHubHealthCheckRegistration>());
        return builder;
    }
}
