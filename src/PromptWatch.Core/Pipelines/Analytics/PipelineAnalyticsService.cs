using System.Diagnostics;
using Microsoft.Extensions.Options;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// Reads the window from the <see cref="IPipelineStore"/> and hands it to the pure computations (registered by
/// <c>AddPipelines()</c>). The window is the last <c>lookbackDays</c> days before now by the <see cref="TimeProvider"/>.
/// Each call is measured in <c>promptwatch.pipelines.analytics.duration</c>.
/// </summary>
internal sealed class PipelineAnalyticsService(IPipelineStore store, IOptions<PipelineOptions> options, TimeProvider? timeProvider = null, ICommitAncestry? ancestry = null, PipelineMetrics? metrics = null)
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private readonly RollbackDetector rollbacks = new(options.Value.RollbackPatterns, ancestry);

    public PipelineOptions Options { get; } = options.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    private async Task<PipelineOverview> OverviewCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var now = Now;
        var from = now.AddDays(-lookbackDays);
        return PipelineOverview.Compute(await store.GetRunsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false), from, now);
    }

    private async Task<IReadOnlyList<PipelineTrendDay>> TrendsCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var now = Now;
        var first = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - lookbackDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return PipelineTrends.Compute(await store.GetRunsSinceAsync(first, repository, cancellationToken).ConfigureAwait(false), now, lookbackDays);
    }

    private async Task<PipelineMttr> MttrCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        PipelineMttr.Compute(await store.GetRunsSinceAsync(Now.AddDays(-lookbackDays), repository, cancellationToken).ConfigureAwait(false));

    private async Task<PipelinePerformance> PerformanceCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var runs = await store.GetRunsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        var jobs = await store.GetJobsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        return PipelinePerformance.Compute(runs, jobs);
    }

    private async Task<PipelineFailures> FailuresCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var runs = await store.GetRunsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        var jobs = await store.GetJobsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        return PipelineFailures.Compute(runs, jobs);
    }

    private async Task<IReadOnlyList<PipelineWorkflowSummary>> WorkflowsCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        PipelineWorkflowComparison.Compute(await store.GetRunsSinceAsync(Now.AddDays(-lookbackDays), repository, cancellationToken).ConfigureAwait(false));

    private async Task<IReadOnlyList<PipelineDoraEnvironment>> DoraCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var deployments = await store.GetDeploymentsAsync(repository, null, from, cancellationToken).ConfigureAwait(false);
        // A deployment's change may have been built before the window opened: runs are read from the retention's start.
        var runs = await store.GetRunsSinceAsync(Now.AddDays(-Options.RetentionDays), repository, cancellationToken).ConfigureAwait(false);
        return PipelineDora.Compute(deployments, runs, lookbackDays);
    }

    private async Task<IReadOnlyList<PipelineRollback>> RollbacksCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var deployments = await store.GetDeploymentsAsync(repository, null, Now.AddDays(-lookbackDays), cancellationToken).ConfigureAwait(false);
        return await rollbacks.FindAsync(deployments, cancellationToken).ConfigureAwait(false);
    }

    public Task<PipelineOverview> OverviewAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("overview", () => OverviewCoreAsync(lookbackDays, repository, cancellationToken));

    public Task<IReadOnlyList<PipelineTrendDay>> TrendsAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("trends", () => TrendsCoreAsync(lookbackDays, repository, cancellationToken));

    public Task<PipelineMttr> MttrAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("mttr", () => MttrCoreAsync(lookbackDays, repository, cancellationToken));

    public Task<PipelinePerformance> PerformanceAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("performance", () => PerformanceCoreAsync(lookbackDays, repository, cancellationToken));

    public Task<PipelineFailures> FailuresAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("failures", () => FailuresCoreAsync(lookbackDays, repository, cancellationToken));

    public Task<IReadOnlyList<PipelineWorkflowSummary>> WorkflowsAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("workflows", () => WorkflowsCoreAsync(lookbackDays, repository, cancellationToken));

    public Task<IReadOnlyList<PipelineDoraEnvironment>> DoraAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("dora", () => DoraCoreAsync(lookbackDays, repository, cancellationToken));

    public Task<IReadOnlyList<PipelineRollback>> RollbacksAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        MeasureAsync("rollbacks", () => RollbacksCoreAsync(lookbackDays, repository, cancellationToken));

    private async Task<T> MeasureAsync<T>(string analytics, Func<Task<T>> compute)
    {
        if (metrics is null) return await compute().ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var ok = false;
        try
        {
            var result = await compute().ConfigureAwait(false);
            ok = true;
            return result;
        }
        finally
        {
            metrics.Analytics(analytics, Stopwatch.GetElapsedTime(started), ok);
        }
    }
}
