using Microsoft.Extensions.Options;

namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// Reads the window from the <see cref="IPipelineStore"/> and hands it to the pure computations (registered by
/// <c>AddPipelines()</c>). The window is the last <c>lookbackDays</c> days before now by the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PipelineAnalyticsService(IPipelineStore store, IOptions<PipelineOptions> options, TimeProvider? timeProvider = null, ICommitAncestry? ancestry = null)
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private readonly RollbackDetector rollbacks = new(options.Value.RollbackPatterns, ancestry);

    public PipelineOptions Options { get; } = options.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<PipelineOverview> OverviewAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var now = Now;
        var from = now.AddDays(-lookbackDays);
        return PipelineOverview.Compute(await store.GetRunsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false), from, now);
    }

    public async Task<IReadOnlyList<PipelineTrendDay>> TrendsAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var now = Now;
        var first = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - lookbackDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return PipelineTrends.Compute(await store.GetRunsSinceAsync(first, repository, cancellationToken).ConfigureAwait(false), now, lookbackDays);
    }

    public async Task<PipelineMttr> MttrAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        PipelineMttr.Compute(await store.GetRunsSinceAsync(Now.AddDays(-lookbackDays), repository, cancellationToken).ConfigureAwait(false));

    public async Task<PipelinePerformance> PerformanceAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var runs = await store.GetRunsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        var jobs = await store.GetJobsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        return PipelinePerformance.Compute(runs, jobs);
    }

    public async Task<PipelineFailures> FailuresAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var runs = await store.GetRunsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        var jobs = await store.GetJobsSinceAsync(from, repository, cancellationToken).ConfigureAwait(false);
        return PipelineFailures.Compute(runs, jobs);
    }

    public async Task<IReadOnlyList<PipelineWorkflowSummary>> WorkflowsAsync(int lookbackDays, string? repository, CancellationToken cancellationToken) =>
        PipelineWorkflowComparison.Compute(await store.GetRunsSinceAsync(Now.AddDays(-lookbackDays), repository, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<PipelineDoraEnvironment>> DoraAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var from = Now.AddDays(-lookbackDays);
        var deployments = await store.GetDeploymentsAsync(repository, null, from, cancellationToken).ConfigureAwait(false);
        // A deployment's change may have been built before the window opened: runs are read from the retention's start.
        var runs = await store.GetRunsSinceAsync(Now.AddDays(-Options.RetentionDays), repository, cancellationToken).ConfigureAwait(false);
        return PipelineDora.Compute(deployments, runs, lookbackDays);
    }

    public async Task<IReadOnlyList<PipelineRollback>> RollbacksAsync(int lookbackDays, string? repository, CancellationToken cancellationToken)
    {
        var deployments = await store.GetDeploymentsAsync(repository, null, Now.AddDays(-lookbackDays), cancellationToken).ConfigureAwait(false);
        return await rollbacks.FindAsync(deployments, cancellationToken).ConfigureAwait(false);
    }
}
