using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>The handlers of <c>api/v1/builds/...</c>: history, details, logs, rerun and cancel, rollbacks.</summary>
internal sealed partial class BuildEndpoints(IPipelineStore store, PipelineProviders providers, PipelineAnalyticsService analytics, PipelineUpdater updater, ILogger logger)
{
    public async Task<IResult> ListAsync(HttpContext context)
    {
        if (!PipelineQuery.TryBuilds(context.Request.Query, out var query, out var problem)) return problem;
        var page = await store.QueryRunsAsync(query, context.RequestAborted).ConfigureAwait(false);
        var pages = (int)Math.Ceiling(page.TotalCount / (double)page.PerPage);
        return await PipelineJson.WriteAsync(context, new PageView<RunView>([.. page.Items.Select(RunView.Of)], page.Page, page.PerPage, page.TotalCount, pages)).ConfigureAwait(false);
    }

    public async Task<IResult> GetAsync(HttpContext context, string buildId)
    {
        if (!PipelineQuery.TryId(buildId, "build_id", out var id, out var problem)) return problem;
        try
        {
            var run = await FindRunAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (run is null) return PipelineProblems.NotFound("build", id);
            var jobs = await store.GetJobsAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (jobs.Count == 0 && providers.For(run.Repository) is { } provider)
            {
                jobs = await provider.GetJobsAsync(run.Repository, id, context.RequestAborted).ConfigureAwait(false);
                foreach (var job in jobs) await updater.ApplyJobAsync(job, context.RequestAborted).ConfigureAwait(false);
            }

            return await PipelineJson.WriteAsync(context, new { build = RunView.Of(run), jobs = jobs.Select(JobView.Of).ToList() }).ConfigureAwait(false);
        }
        catch (PipelineProviderException e)
        {
            return PipelineProblems.Provider(context, e);
        }
    }

    public async Task<IResult> LogsAsync(HttpContext context, string buildId)
    {
        if (!PipelineQuery.TryId(buildId, "build_id", out var id, out var problem)) return problem;
        return await WithProviderAsync(context, id, async (run, provider) =>
        {
            var logs = await provider.GetRunLogsAsync(run.Repository, id, context.RequestAborted).ConfigureAwait(false);
            var max = analytics.Options.MaxLogBytes;
            var items = logs.Select(l =>
            {
                var (text, cut) = JobLogParser.Cap(l.Text, max);
                return new { job_id = l.JobId, job_name = l.JobName, truncated = l.Truncated || cut, text };
            }).ToList();
            return await PipelineJson.WriteAsync(context, new { build_id = id, logs = items }).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<IResult> JobLogAsync(HttpContext context, string buildId, string jobId)
    {
        if (!PipelineQuery.TryId(buildId, "build_id", out var id, out var problem)) return problem;
        if (!PipelineQuery.TryId(jobId, "job_id", out var job, out problem)) return problem;
        return await WithProviderAsync(context, id, async (run, provider) =>
        {
            var log = await provider.GetJobLogAsync(run.Repository, job, context.RequestAborted).ConfigureAwait(false);
            return await PipelineJson.WriteAsync(context, JobLogParser.Parse(log, analytics.Options.MaxLogBytes)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<IResult> RerunAsync(HttpContext context, string buildId)
    {
        if (!PipelineQuery.TryId(buildId, "build_id", out var id, out var problem)) return problem;
        if (!PipelineQuery.TryBool(context.Request.Query, "failed_jobs_only", out var failedOnly, out problem)) return problem;
        return await WithProviderAsync(context, id, async (run, provider) =>
        {
            var user = UserOf(context);
            LogRerun(logger, user, id, run.Repository, failedOnly);
            await provider.RerunAsync(run.Repository, id, failedOnly, context.RequestAborted).ConfigureAwait(false);
            return await PipelineJson.WriteAsync(context, new { build_id = id, repository = run.Repository, action = failedOnly ? "rerun_failed_jobs" : "rerun", requested_by = user }, StatusCodes.Status202Accepted).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<IResult> CancelAsync(HttpContext context, string buildId)
    {
        if (!PipelineQuery.TryId(buildId, "build_id", out var id, out var problem)) return problem;
        return await WithProviderAsync(context, id, async (run, provider) =>
        {
            var user = UserOf(context);
            LogCancel(logger, user, id, run.Repository);
            await provider.CancelAsync(run.Repository, id, context.RequestAborted).ConfigureAwait(false);
            return await PipelineJson.WriteAsync(context, new { build_id = id, repository = run.Repository, action = "cancel", requested_by = user }, StatusCodes.Status202Accepted).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<IResult> RollbacksAsync(HttpContext context)
    {
        if (!PipelineQuery.TryLookback(context.Request.Query, analytics.Options, out var days, out var problem)) return problem;
        var rollbacks = await analytics.RollbacksAsync(days, PipelineQuery.Text(context.Request.Query, "repository"), context.RequestAborted).ConfigureAwait(false);
        return await PipelineJson.WriteAsync(context, new { lookback_days = days, count = rollbacks.Count, rollbacks }).ConfigureAwait(false);
    }

    /// <summary>Who acts: the signed-in user's name, <c>anonymous</c> without one.</summary>
    public static string UserOf(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : "anonymous";

    private async Task<PipelineRun?> FindRunAsync(long id, CancellationToken cancellationToken)
    {
        if (await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false) is { } stored) return stored;
        foreach (var provider in providers.All)
        {
            foreach (var repository in provider.Repositories)
            {
                try
                {
                    if (await provider.GetRunAsync(repository, id, cancellationToken).ConfigureAwait(false) is { } run)
                    {
                        await updater.ApplyRunAsync(run, cancellationToken).ConfigureAwait(false);
                        return run;
                    }
                }
                catch (PipelineProviderException e) when (e.Failure == PipelineProviderFailure.NotFound)
                {
                    // Another repository may have it.
                }
            }
        }

        return null;
    }

    private async Task<IResult> WithProviderAsync(HttpContext context, long id, Func<PipelineRun, IPipelineProvider, Task<IResult>> action)
    {
        try
        {
            var run = await FindRunAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (run is null) return PipelineProblems.NotFound("build", id);
            if (providers.For(run.Repository) is not { } provider) return PipelineProblems.NoProvider(run.Repository);
            return await action(run, provider).ConfigureAwait(false);
        }
        catch (PipelineProviderException e)
        {
            return PipelineProblems.Provider(context, e);
        }
    }

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "{User} asked for a rerun of build {BuildId} of {Repository} (failed jobs only: {FailedJobsOnly}).")]
    private static partial void LogRerun(ILogger logger, string user, long buildId, string repository, bool failedJobsOnly);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "{User} asked to cancel build {BuildId} of {Repository}.")]
    private static partial void LogCancel(ILogger logger, string user, long buildId, string repository);
}
