using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// The reconcile poll: every <see cref="GitHubActionsOptions.PollInterval"/> it lists each repository's recent runs
/// and deployments and applies them through <see cref="PipelineUpdater"/>, catching what webhooks missed. Every GET is
/// conditional (Octokit's ETag cache), so an unchanged page is a 304 that costs no rate limit. The jobs of a
/// completed run, and the statuses of a deployment in a final state, are read once and never again. Below
/// <see cref="GitHubActionsOptions.RateLimitReserve"/> remaining requests the poll waits for the limit's reset. Each
/// repository's poll is a <c>promptwatch.pipelines.poll</c> span.
/// </summary>
internal sealed class GitHubReconcilePoller(
    GitHubActionsPipelineProvider provider,
    PipelineUpdater updater,
    GitHubApiTraffic traffic,
    GitHubActionsMetrics metrics,
    IOptions<GitHubActionsOptions> options,
    TimeProvider timeProvider,
    ILogger<GitHubReconcilePoller> logger) : BackgroundService
{
    private readonly GitHubActionsOptions _options = options.Value;
    private readonly Lock _lock = new();

    /// <summary>Per repository: the run attempts whose jobs were read after completion, and the deployments whose statuses reached a final state.</summary>
    private readonly Dictionary<string, (HashSet<(long Run, int Attempt)> Runs, HashSet<long> Deployments)> _done = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Poll) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(_options.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One poll of every repository; a repository that fails is logged and the others are polled.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var repository in provider.Repositories)
        {
            if (traffic.WaitUntil(_options.RateLimitReserve) is { } until)
            {
                using var deferred = PipelineActivities.StartPoll(GitHubFailures.Provider, repository);
                deferred?.SetTag("promptwatch.outcome", "deferred");
                GitHubActionsLog.RateLimitReserve(logger, traffic.RateLimit.Remaining ?? 0, _options.RateLimitReserve, until);
                metrics.Poll("deferred");
                return;
            }

            var name = GitHubRepositoryName.Parse(repository)!;
            using var activity = PipelineActivities.StartPoll(GitHubFailures.Provider, name.FullName);
            try
            {
                var counted = traffic.Counted;
                await PollAsync(name, cancellationToken).ConfigureAwait(false);
                var outcome = traffic.Counted == counted ? "unchanged" : "changed";
                metrics.Poll(outcome);
                activity?.SetTag("promptwatch.outcome", outcome);
            }
            catch (PipelineProviderException e)
            {
                metrics.Poll("failed");
                activity?.SetTag("promptwatch.outcome", "failed");
                activity.RecordFailure(e);
                GitHubActionsLog.PollFailed(logger, name.FullName, e.Message);
            }
        }
    }

    private async Task PollAsync(GitHubRepositoryName name, CancellationToken cancellationToken)
    {
        (HashSet<(long Run, int Attempt)> Runs, HashSet<long> Deployments) done;
        lock (_lock)
        {
            if (!_done.TryGetValue(name.FullName, out done)) _done[name.FullName] = done = ([], []);
        }

        var runs = await provider.RecentRunsAsync(name, cancellationToken).ConfigureAwait(false);
        var jobLists = 0;
        foreach (var run in runs)
        {
            await updater.ApplyRunAsync(run, PipelineUpdateSource.Poll, cancellationToken).ConfigureAwait(false);
            if (done.Runs.Contains((run.Id, run.Attempt))) continue;
            var jobs = await provider.JobsAsync(name, run, cancellationToken).ConfigureAwait(false);
            jobLists++;
            foreach (var job in jobs) await updater.ApplyJobAsync(job, PipelineUpdateSource.Poll, cancellationToken).ConfigureAwait(false);
            if (run.IsCompleted) done.Runs.Add((run.Id, run.Attempt));
        }

        // Only what the page still shows can be asked for again: older entries are forgotten.
        done.Runs.IntersectWith(runs.Select(static r => (r.Id, r.Attempt)));

        var deployments = await provider.RecentDeploymentsAsync(name, cancellationToken).ConfigureAwait(false);
        foreach (var deployment in deployments)
        {
            if (done.Deployments.Contains(deployment.Id)) continue;
            var statuses = await provider.DeploymentStatusesAsync(name, deployment.Id, cancellationToken).ConfigureAwait(false);
            var latest = statuses.Count > 0 ? statuses[0] : null;
            await updater.ApplyDeploymentAsync(GitHubRestMapping.Deployment(name.FullName, deployment, latest), PipelineUpdateSource.Poll, cancellationToken).ConfigureAwait(false);
            foreach (var status in statuses.Reverse())
            {
                if (GitHubRestMapping.DeploymentStatus(name.FullName, deployment.Id, status) is { } mapped) await updater.ApplyDeploymentStatusAsync(mapped, PipelineUpdateSource.Poll, cancellationToken).ConfigureAwait(false);
            }

            if (latest is not null && GitHubActionsValues.DeploymentState(latest.State.StringValue) is DeploymentState.Success or DeploymentState.Failure or DeploymentState.Error or DeploymentState.Inactive)
            {
                done.Deployments.Add(deployment.Id);
            }
        }

        done.Deployments.IntersectWith(deployments.Select(static d => d.Id));
        GitHubActionsLog.Polled(logger, name.FullName, runs.Count, jobLists, deployments.Count);
    }
}
