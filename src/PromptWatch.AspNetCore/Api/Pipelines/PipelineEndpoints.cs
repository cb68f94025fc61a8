using Microsoft.AspNetCore.Http;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>The handlers of <c>api/v1/pipeline/...</c> (live status) and <c>api/v1/analytics/...</c>.</summary>
internal sealed class PipelineEndpoints(IPipelineStore store, PipelineAnalyticsService analytics)
{
    private const int RecentDefault = 20;

    public async Task<IResult> OverviewAsync(HttpContext context)
    {
        if (!PipelineQuery.TryLookback(context.Request.Query, analytics.Options, out var days, out var problem)) return problem;
        var repository = PipelineQuery.Text(context.Request.Query, "repository");
        var overview = await analytics.OverviewAsync(days, repository, context.RequestAborted).ConfigureAwait(false);
        var active = await ActiveAsync(repository, context.RequestAborted).ConfigureAwait(false);
        var recent = await store.QueryRunsAsync(new PipelineRunQuery { Repository = repository, PerPage = 100 }, context.RequestAborted).ConfigureAwait(false);
        var deployments = await store.GetDeploymentsAsync(repository, null, null, context.RequestAborted).ConfigureAwait(false);
        var mttr = await analytics.MttrAsync(days, repository, context.RequestAborted).ConfigureAwait(false);
        return await PipelineJson.WriteAsync(context, new
        {
            status = Health(recent.Items),
            lookback_days = days,
            running = active.Count(static r => r.Status == PipelineStatus.InProgress),
            queued = active.Count(static r => r.Status != PipelineStatus.InProgress),
            total_runs = overview.TotalRuns,
            success_rate = overview.SuccessRate,
            failure_rate = overview.FailureRate,
            mttr_seconds = mttr.MedianSeconds,
            last_run = recent.Items.Count > 0 ? RunView.Of(recent.Items[0]) : null,
            active_builds = active.Select(RunView.Of).ToList(),
            recent_deployments = deployments.Take(5).ToList(),
        }).ConfigureAwait(false);
    }

    public async Task<IResult> StatusAsync(HttpContext context)
    {
        var repository = PipelineQuery.Text(context.Request.Query, "repository");
        var active = await ActiveAsync(repository, context.RequestAborted).ConfigureAwait(false);
        var now = analytics.Now;
        var queued = active.Where(static r => r.Status != PipelineStatus.InProgress).ToList();
        var running = active.Where(static r => r.Status == PipelineStatus.InProgress).ToList();
        return await PipelineJson.WriteAsync(context, new
        {
            at = now,
            running = running.Select(r => new { build = RunView.Of(r), running_seconds = Math.Max(0, (now - (r.StartedAt ?? r.CreatedAt)).TotalSeconds) }).ToList(),
            queued = queued.Select(r => new { build = RunView.Of(r), waiting_seconds = Math.Max(0, (now - r.CreatedAt).TotalSeconds) }).ToList(),
            longest_wait_seconds = queued.Count == 0 ? (double?)null : queued.Max(r => Math.Max(0, (now - r.CreatedAt).TotalSeconds)),
        }).ConfigureAwait(false);
    }

    public async Task<IResult> MetricsAsync(HttpContext context)
    {
        if (!PipelineQuery.TryLookback(context.Request.Query, analytics.Options, out var days, out var problem)) return problem;
        var repository = PipelineQuery.Text(context.Request.Query, "repository");
        var overview = await analytics.OverviewAsync(days, repository, context.RequestAborted).ConfigureAwait(false);
        var mttr = await analytics.MttrAsync(days, repository, context.RequestAborted).ConfigureAwait(false);
        return await PipelineJson.WriteAsync(context, new { lookback_days = days, overview, mttr = new { mttr.Incidents, mttr.Resolved, mttr.MedianSeconds, mttr.MeanSeconds } }).ConfigureAwait(false);
    }

    public async Task<IResult> RecentAsync(HttpContext context)
    {
        if (!PipelineQuery.TryInt(context.Request.Query, "limit", RecentDefault, 1, PipelineRunQuery.MaxPerPage, out var limit, out var problem)) return problem;
        var repository = PipelineQuery.Text(context.Request.Query, "repository");
        var runs = await store.QueryRunsAsync(new PipelineRunQuery { Repository = repository, PerPage = limit }, context.RequestAborted).ConfigureAwait(false);
        var deployments = await store.GetDeploymentsAsync(repository, null, null, context.RequestAborted).ConfigureAwait(false);
        return await PipelineJson.WriteAsync(context, new { builds = runs.Items.Select(RunView.Of).ToList(), deployments = deployments.Take(limit).ToList() }).ConfigureAwait(false);
    }

    public Task<IResult> AnalyticsOverviewAsync(HttpContext context) => AnalyticsAsync(context, analytics.OverviewAsync);

    public Task<IResult> TrendsAsync(HttpContext context) => AnalyticsAsync(context, async (days, repository, ct) => new { days = await analytics.TrendsAsync(days, repository, ct).ConfigureAwait(false) });

    public Task<IResult> MttrAsync(HttpContext context) => AnalyticsAsync(context, analytics.MttrAsync);

    public Task<IResult> PerformanceAsync(HttpContext context) => AnalyticsAsync(context, analytics.PerformanceAsync);

    public Task<IResult> FailuresAsync(HttpContext context) => AnalyticsAsync(context, analytics.FailuresAsync);

    public Task<IResult> WorkflowsAsync(HttpContext context) => AnalyticsAsync(context, async (days, repository, ct) => new { workflows = await analytics.WorkflowsAsync(days, repository, ct).ConfigureAwait(false) });

    public Task<IResult> DoraAsync(HttpContext context) => AnalyticsAsync(context, async (days, repository, ct) => new { environments = await analytics.DoraAsync(days, repository, ct).ConfigureAwait(false) });

    /// <summary>Passing when every workflow's latest completed run passed; failing when one's failed; unknown without completed runs.</summary>
    private static string Health(IReadOnlyList<PipelineRun> newestFirst)
    {
        var seen = new HashSet<(string, string)>();
        var any = false;
        foreach (var run in newestFirst)
        {
            if (!run.IsCompleted || !(PipelineOutcome.IsSuccess(run.Conclusion) || PipelineOutcome.IsFailure(run.Conclusion))) continue;
            if (!seen.Add((run.Repository, run.WorkflowName))) continue;
            any = true;
            if (PipelineOutcome.IsFailure(run.Conclusion)) return "failing";
        }

        return any ? "passing" : "unknown";
    }

    private async Task<List<PipelineRun>> ActiveAsync(string? repository, CancellationToken cancellationToken)
    {
        var result = new List<PipelineRun>();
        foreach (var status in new[] { PipelineStatus.InProgress, PipelineStatus.Queued, PipelineStatus.Waiting, PipelineStatus.Pending, PipelineStatus.Requested })
        {
            var page = await store.QueryRunsAsync(new PipelineRunQuery { Repository = repository, Status = status, PerPage = PipelineRunQuery.MaxPerPage }, cancellationToken).ConfigureAwait(false);
            result.AddRange(page.Items);
        }

        return result;
    }

    private async Task<IResult> AnalyticsAsync<T>(HttpContext context, Func<int, string?, CancellationToken, Task<T>> compute)
    {
        if (!PipelineQuery.TryLookback(context.Request.Query, analytics.Options, out var days, out var problem)) return problem;
        var result = await compute(days, PipelineQuery.Text(context.Request.Query, "repository"), context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers["X-Lookback-Days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await PipelineJson.WriteAsync(context, result).ConfigureAwait(false);
    }
}
