using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>The route table of <c>MapPromptWatchPipelines()</c>, with names and OpenAPI summaries.</summary>
internal static class PipelineRoutes
{
    private const string Json = JsonResponses.MediaType;

    public static void Map(IEndpointRouteBuilder group, PipelineEndpoints pipeline, BuildEndpoints builds, PipelineLiveConnections live, TimelineMarkEndpoints marks)
    {
        Get(group, "/api/v1/pipeline/overview", pipeline.OverviewAsync, "PromptWatchPipelineOverview", "Status (passing, failing, unknown), running and queued counts, success and failure rates and MTTR over lookback_days, the last run, active builds, recent deployments");
        Get(group, "/api/v1/pipeline/status", pipeline.StatusAsync, "PromptWatchPipelineStatus", "Running runs (running_seconds) and queued runs (waiting_seconds), the longest wait");
        Get(group, "/api/v1/pipeline/metrics", pipeline.MetricsAsync, "PromptWatchPipelineMetrics", "The analytics overview and the MTTR summary over lookback_days");
        Get(group, "/api/v1/pipeline/recent", pipeline.RecentAsync, "PromptWatchPipelineRecent", "The latest builds and deployments (limit, default 20, at most 100)");
        Get(group, "/api/v1/pipeline/commits", marks.CommitsAsync, "PromptWatchPipelineCommits", "The checks of commits (sha=a,b,...; at most 100): passing, failing, pending, undecided or null, with each workflow's latest run at the commit");
        Get(group, "/api/v1/pipeline/deployed", marks.DeployedAsync, "PromptWatchPipelineDeployed", "Per repository and environment, the commit live: its latest successful deployment, when, by which deployment and run");
        group.MapGet("/api/v1/pipeline/events", (Delegate)((HttpContext context) => live.ServerSentEventsAsync(context)))
            .WithName("PromptWatchPipelineEvents")
            .WithSummary("Server-sent events of pipeline changes (events=pipeline,builds,notifications; all by default)")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.Map("/ws", (Delegate)((HttpContext context) => live.WebSocketAsync(context)))
            .WithName("PromptWatchPipelineWebSocket")
            .WithSummary("WebSocket of pipeline changes: send {type: subscribe|unsubscribe, events: [pipeline, builds, notifications]} or {type: ping}")
            .ExcludeFromDescription();

        Get(group, "/api/v1/builds", builds.ListAsync, "PromptWatchBuilds", "Builds newest first: page, per_page (default 20, at most 100), status, conclusion, branch, workflow, actor, event, created_from, created_to, repository");
        Get(group, "/api/v1/builds/history/rollbacks", builds.RollbacksAsync, "PromptWatchBuildRollbacks", "Rollbacks over lookback_days: deployments of an ancestor of the previously deployed sha, or named so");
        group.MapGet("/api/v1/builds/{build_id}", (HttpContext context, string build_id) => builds.GetAsync(context, build_id))
            .WithName("PromptWatchBuild").WithSummary("One build with its jobs and steps, durations in seconds")
            .Produces(StatusCodes.Status200OK, contentType: Json).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/api/v1/builds/{build_id}/logs", (HttpContext context, string build_id) => builds.LogsAsync(context, build_id))
            .WithName("PromptWatchBuildLogs").WithSummary("The logs of every job of a build, each capped keeping its end")
            .Produces(StatusCodes.Status200OK, contentType: Json).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/api/v1/builds/{build_id}/jobs/{job_id}/logs", (HttpContext context, string build_id, string job_id) => builds.JobLogAsync(context, build_id, job_id))
            .WithName("PromptWatchBuildJobLog").WithSummary("One job's log parsed: steps from its groups, timestamps, error lines marked; capped keeping its end")
            .Produces(StatusCodes.Status200OK, contentType: Json).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/api/v1/builds/{build_id}/rerun", (HttpContext context, string build_id) => builds.RerunAsync(context, build_id))
            .WithName("PromptWatchBuildRerun").WithSummary("Re-runs a build (failed_jobs_only=true for its failed jobs only); logged with the caller")
            .Produces(StatusCodes.Status202Accepted, contentType: Json).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/api/v1/builds/{build_id}/cancel", (HttpContext context, string build_id) => builds.CancelAsync(context, build_id))
            .WithName("PromptWatchBuildCancel").WithSummary("Cancels a build; logged with the caller")
            .Produces(StatusCodes.Status202Accepted, contentType: Json).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        Get(group, "/api/v1/analytics/overview", pipeline.AnalyticsOverviewAsync, "PromptWatchAnalyticsOverview", "Counts by status and conclusion, success and failure rates, durations and queue times over lookback_days");
        Get(group, "/api/v1/analytics/trends", pipeline.TrendsAsync, "PromptWatchAnalyticsTrends", "Daily (UTC) runs, successes, failures, cancelled, success rate and mean duration over lookback_days");
        Get(group, "/api/v1/analytics/mttr", pipeline.MttrAsync, "PromptWatchAnalyticsMttr", "Incidents per workflow and branch, from the first failure after a success to the next success: median, mean, the incidents");
        Get(group, "/api/v1/analytics/performance", pipeline.PerformanceAsync, "PromptWatchAnalyticsPerformance", "p50/p95 durations per workflow, job and step, queue times, the slowest jobs and steps");
        Get(group, "/api/v1/analytics/failures", pipeline.FailuresAsync, "PromptWatchAnalyticsFailures", "Failures by branch, author, workflow, job and step");
        Get(group, "/api/v1/analytics/workflows/comparison", pipeline.WorkflowsAsync, "PromptWatchAnalyticsWorkflows", "Every workflow's runs, rates, durations and latest run");
        Get(group, "/api/v1/analytics/dora", pipeline.DoraAsync, "PromptWatchAnalyticsDora", "Per environment: deployment frequency, lead time for changes, change failure rate, time to restore");
    }

    private static void Get(IEndpointRouteBuilder group, string pattern, Func<HttpContext, Task<IResult>> handler, string name, string summary) =>
        group.MapGet(pattern, (Delegate)handler)
            .WithName(name)
            .WithSummary(summary)
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
