using System.Diagnostics;
using Microsoft.Extensions.Options;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// Reads the window from the <see cref="IPipelineStore"/> and hands it to the pure computations (registered by
/// <c>AddPipelines()</c>). The window is the last <c>lookbackDays</c> days before now by the <see cref="TimeProvider"/>.
/// Each call is measured in <c>promptwatch.pipelines.analytics.duration</c>.
/// The runs and jobs of the retention are read once per store version and repository (<see cref="PipelineAnalyticsCache"/>)
/// and each window is a slice of them; a store without a version is read afresh for every request.
/// </summary>
internal sealed class PipelineAnalyticsService(IPipelineStore store, IOptions<PipelineOptions> options, TimeProvider? timeProvider = null, ICommitAncestry? ancestry = null, PipelineMetrics? metrics = null)
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private readonly RollbackDetector rollbacks = new(options.Value.RollbackPatterns, ancestry);
    private readonly PipelineAnalyticsCache cache = new();

    public PipelineOptions Options { get; } = options.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    private async Task<PipelineOverview> OverviewCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var now = Now;
        var from = now.AddDays(-lookbackDays);
        var data = await DataAsync(repository, withJobs: false, cancellationToken).ConfigureAwait(false);
        return PipelineOverview.Compute(data.Runs, data.RunColumns, data.RunStart(Window(from)), data.RunEnd(now), from, now);
    }

    private async Task<IReadOnlyList<PipelineTrendDay>> TrendsCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var now = Now;
        var first = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - lookbackDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var data = await DataAsync(repository, withJobs: false, cancellationToken).ConfigureAwait(false);
        return PipelineTrends.Compute(data.RunsFrom(Window(first)), now, lookbackDays);
    }

    private async Task<PipelineMttr> MttrCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var data = await DataAsync(repository, withJobs: false, cancellationToken).ConfigureAwait(false);
        return PipelineMttr.Compute(data.Runs, data.RunColumns, data.RunStart(Window(from)));
    }

    private async Task<PipelinePerformance> PerformanceCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Window(Now.AddDays(-lookbackDays));
        var data = await DataAsync(repository, withJobs: true, cancellationToken).ConfigureAwait(false);
        return PipelinePerformance.Compute(data.Performance, data.RunStart(from), data.JobStart(from));
    }

    private async Task<PipelineFailures> FailuresCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Window(Now.AddDays(-lookbackDays));
        var data = await DataAsync(repository, withJobs: true, cancellationToken).ConfigureAwait(false);
        return PipelineFailures.Compute(data.Failures, data.RunStart(from), data.JobStart(from));
    }

    private async Task<IReadOnlyList<PipelineWorkflowSummary>> WorkflowsCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var data = await DataAsync(repository, withJobs: false, cancellationToken).ConfigureAwait(false);
        return PipelineWorkflowComparison.Compute(data.Runs, data.RunColumns, data.RunStart(Window(from)));
    }

    private async Task<IReadOnlyList<PipelineDoraEnvironment>> DoraCoreAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var deployments = await store.GetDeploymentsAsync(repository, null, from, cancellationToken).ConfigureAwait(false);
        // A deployment's change may have been built before the window opened: runs are read from the retention's start.
        var data = await DataAsync(repository, withJobs: false, cancellationToken).ConfigureAwait(false);
        var runStart = data.RunStart(Window(Now.AddDays(-Options.RetentionDays)));
        var columns = data.RunColumns;
        return PipelineDora.Compute(deployments, deployment => columns.RunOf(deployment, data.Runs, runStart), lookbackDays);
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

    /// <summary>
    /// The runs since the retention's start, and its jobs when <paramref name="withJobs"/>, as read under the store's
    /// current version (read again when it changed, or when it has none).
    /// </summary>
    private async ValueTask<PipelineAnalyticsData> DataAsync(string? repository, bool withJobs, CancellationToken cancellationToken)
    {
        // The version is read first: what is read after it is at least as new, so it is never kept under a later version.
        var version = await store.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        var since = Now.AddDays(-Options.RetentionDays);
        if (version is not { } known) return await ReadAsync(null, since, repository, withJobs, cancellationToken).ConfigureAwait(false);
        // Shared by the requests that come while it runs: one caller's cancellation does not cancel it for the others.
        var read = cache.GetOrRead(known, repository, withJobs, since, () => Task.Run(() => ReadAsync(known, since, repository, withJobs, CancellationToken.None), CancellationToken.None));
        return await read.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<PipelineAnalyticsData> ReadAsync(long? version, DateTimeOffset since, string? repository, bool withJobs, CancellationToken cancellationToken)
    {
        var runs = await store.GetRunsSinceAsync(since, repository, cancellationToken).ConfigureAwait(false);
        // The run routes need no jobs: they are read (and kept) apart, so that a read after a change is quicker for them.
        var jobs = withJobs ? await store.GetJobsSinceAsync(since, repository, cancellationToken).ConfigureAwait(false) : [];
        return new PipelineAnalyticsData(version, since, runs, jobs);
    }

    /// <summary>A window's start as the store reads it: never before the retention's start.</summary>
    private DateTimeOffset Window(DateTimeOffset from)
    {
        var cutoff = Now.AddDays(-Options.RetentionDays);
        return from > cutoff ? from : cutoff;
    }
}
