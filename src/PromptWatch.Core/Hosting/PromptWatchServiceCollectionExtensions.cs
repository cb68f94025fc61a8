using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Diagnostics;
using PromptWatch.Diagnostics.Performance;
using PromptWatch.Diagnostics.Snapshots;
using PromptWatch.Hosting;
using PromptWatch.Parsing;
using PromptWatch.Repositories;
using PromptWatch.Results;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds PromptWatch to a host's services.</summary>
public static class PromptWatchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the PromptWatch monitor: options bound from the <c>PromptWatch</c> configuration section and
    /// then <paramref name="configure"/>, validated on start; a hosted service that refreshes every watched
    /// repository on its interval, reading it through the <see cref="IRepositorySourceFactory"/> (one that clones
    /// URLs and opens paths, unless the host registered its own); metrics; and one health check per repository
    /// (through <c>AddHealthChecks()</c>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>A builder for integrations (result stores, counter stores, webhooks).</returns>
    public static IPromptWatchBuilder AddPromptWatch(this IServiceCollection services, Action<PromptWatchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PromptWatchOptions>()
            .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(PromptWatchOptions.SectionName).Bind(options))
            .ValidateOnStart();
        if (configure is not null) options.Configure(configure);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptWatchOptions>, PromptWatchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => provider.GetRequiredService<IOptions<PromptWatchOptions>>().Value.ResultPatterns is { Count: > 0 } patterns
            ? new EvaluationResultLayout(patterns)
            : EvaluationResultLayout.Default);
        services.TryAddSingleton(static provider => new PromptWatchMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IRepositorySourceFactory>(DefaultRepositorySourceFactory.Instance);
        services.TryAddSingleton(static provider => new PromptWatchMonitor(
            provider.GetRequiredService<IOptions<PromptWatchOptions>>(),
            provider.GetServices<IEvaluationResultStore>(),
            provider.GetRequiredService<PromptWatchMetrics>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ConfigParserSelector>(),
            provider.GetService<IRepositorySourceFactory>())
        {
            AlertEvents = provider.GetService<PromptWatch.Alerting.IAlertEventPublisher>() is { } alerts
                ? new PromptWatch.Alerting.Events.CoreAlertEvents(alerts, provider.GetService<TimeProvider>() ?? TimeProvider.System, provider.GetService<IOptions<PromptWatch.Alerting.AlertingOptions>>()?.Value ?? new PromptWatch.Alerting.AlertingOptions())
                : null,
        });
        // Observed from the monitor's snapshot; made when the monitor service is (it takes it), so the gauges exist from the start.
        services.TryAddSingleton(static provider => new PromptWatch.Lifecycle.PromotionLeadTimeMetrics(provider.GetRequiredService<PromptWatchMonitor>(), provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(static provider => new EvaluationCoverageMetrics(provider.GetRequiredService<PromptWatchMonitor>(), provider.GetService<IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PromptWatchMonitorService>());
        AddPerformance(services);
        services.AddHealthChecks();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, PromptWatchHealthCheckRegistrations>());
        return new PromptWatchBuilder(services);
    }

    // The performance monitor (PromptWatch:Performance) and the in-process metric snapshot, created when the host starts.
    private static void AddPerformance(IServiceCollection services)
    {
        services.AddOptions<PerformanceOptions>()
            .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(PerformanceOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PerformanceOptions>, PerformanceOptionsValidator>());
        services.TryAddSingleton(static provider => new PerformanceMonitor(provider.GetRequiredService<IOptions<PerformanceOptions>>(), provider.GetService<TimeProvider>()));
        services.TryAddSingleton<MetricSnapshotCollector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PerformanceMonitorService>());
    }
}
