using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Alerts;
using PromptWatch.Pipelines.Analytics;
using PromptWatch.Pipelines.Timeline;
using PromptWatch.Pipelines.Diagnostics;
using PromptWatch.Repositories;

namespace PromptWatch.Hosting;

/// <summary>Adds the pipeline monitor to PromptWatch.</summary>
public static class PipelinesPromptWatchBuilderExtensions
{
    /// <summary>
    /// Adds the pipeline monitor: options bound from <c>PromptWatch:Pipelines</c> and then <paramref name="configure"/>,
    /// validated on start; an <see cref="InMemoryPipelineStore"/> unless another <see cref="IPipelineStore"/> is
    /// registered; <see cref="IPipelineEvents"/>; <see cref="PipelineUpdater"/> (raising alert events when alerting is
    /// added, in any order); the analytics; and the checks and deployed versions of the timeline's changes.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPromptWatch()</c>.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    /// <returns>A builder for providers and stores.</returns>
    public static IPipelineBuilder AddPipelines(this IPromptWatchBuilder builder, Action<PipelineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var again = services.Any(static d => d.ServiceType == typeof(PipelineUpdater));
        var options = services.AddOptions<PipelineOptions>();
        // Bound once: binding again would add the configured rollback patterns a second time.
        if (!again) options.Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(PipelineOptions.SectionName).Bind(options)).ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        if (again) return new PipelineBuilder(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPipelineStore>(static provider => new InMemoryPipelineStore(provider.GetRequiredService<IOptions<PipelineOptions>>().Value, provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IPipelineEvents>(static provider => new PipelineEventHub(provider.GetService<ILoggerFactory>()?.CreateLogger<PipelineEventHub>()));
        services.TryAddSingleton(static provider => new PipelineMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(static provider => new PipelineUpdater(
            provider.GetRequiredService<IPipelineStore>(),
            provider.GetRequiredService<IPipelineEvents>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<IAlertEventPublisher>() is { } publisher ? new PipelineAlertEvents(
                publisher,
                provider.GetRequiredService<IPipelineStore>(),
                new RollbackDetector(provider.GetRequiredService<IOptions<PipelineOptions>>().Value.RollbackPatterns, provider.GetService<ICommitAncestry>()),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                (ILogger?)provider.GetService<ILoggerFactory>()?.CreateLogger("PromptWatch.Pipelines.Alerts") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance) : null,
            provider.GetRequiredService<PipelineMetrics>()));
        services.TryAddSingleton(static provider => GitCommitAncestry.FromWatched(provider.GetService<IOptions<PromptWatchOptions>>()?.Value ?? new PromptWatchOptions()));
        services.TryAddSingleton<ICommitAncestry>(static provider => provider.GetRequiredService<GitCommitAncestry>());
        services.TryAddSingleton(static provider => new PipelineAnalyticsService(
            provider.GetRequiredService<IPipelineStore>(),
            provider.GetRequiredService<IOptions<PipelineOptions>>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ICommitAncestry>(),
            provider.GetRequiredService<PipelineMetrics>()));
        services.TryAddSingleton(static provider => new PipelineTimeline(
            provider.GetRequiredService<IPipelineStore>(),
            provider.GetRequiredService<IOptions<PipelineOptions>>(),
            provider.GetRequiredService<GitCommitAncestry>(),
            provider.GetService<TimeProvider>()));
        return new PipelineBuilder(services);
    }
}
