using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// The analytics over a generated history, each answer computed here from the generated runs and jobs by its
/// definition (not by the code under test), and over small hand-made histories whose answers are known.
/// </summary>
public sealed class PipelineAnalyticsTests
{
    private const int Lookback = 30;
    private readonly FakeTimeProvider _time = new(GeneratedPipelineHistory.Now);

    private static bool Failed(PipelineConclusion? c) => c is PipelineConclusion.Failure or PipelineConclusion.TimedOut or PipelineConclusion.StartupFailure;

    [Fact]
    public async Task The_overview_counts_the_window_and_rates_the_decided_runs()
    {
        var history = new GeneratedPipelineHistory(2000);
        var analytics = Analytics(await history.FillAsync(_time));
        var window = history.Runs.Where(r => r.CreatedAt >= GeneratedPipelineHistory.Now.AddDays(-Lookback)).ToList();
        var successes = window.Count(r => r.Status == PipelineStatus.Completed && r.Conclusion == PipelineConclusion.Success);
        var failures = window.Count(r => r.Status == PipelineStatus.Completed && Failed(r.Conclusion));

        var overview = await analytics.OverviewAsync(Lookback, null, default);

        Assert.True(window.Count < history.Runs.Count, "Some generated runs are older than the window.");
        Assert.Equal(window.Count, overview.TotalRuns);
        Assert.Equal(successes, overview.Successes);
        Assert.Equal(failures, overview.Failures);
        Assert.Equal((double)successes / (successes + failures), overview.SuccessRate, 12);
        Assert.Equal(window.Count(r => r.Status == PipelineStatus.InProgress), overview.ByStatus["in_progress"]);
        Assert.Equal(window.Count(r => r.Conclusion == PipelineConclusion.TimedOut), overview.ByConclusion["timed_out"]);
        Assert.Equal(GeneratedPipelineHistory.NearestRank(window.Where(r => r.Status == PipelineStatus.Completed).Select(r => (r.UpdatedAt - r.StartedAt!.Value).TotalSeconds), 95), overview.Duration.P95Seconds);
    }

    [Fact]
    public async Task Trends_have_one_bucket_per_utc_day_empty_days_included()
    {
        var history = new GeneratedPipelineHistory(600);
        var analytics = Analytics(await history.FillAsync(_time));
        var today = DateOnly.FromDateTime(GeneratedPipelineHistory.Now.UtcDateTime);

        var days = await analytics.TrendsAsync(Lookback, null, default);

        Assert.Equal(Lookback, days.Count);
        Assert.Equal(today.AddDays(1 - Lookback), days[0].Date);
        Assert.Equal(today, days[^1].Date);
        foreach (var day in days)
        {
            var runs = history.Runs.Where(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime) == day.Date).ToList();
            Assert.Equal(runs.Count, day.Runs);
            Assert.Equal(runs.Count(r => r.Conclusion == PipelineConclusion.Success), day.Successes);
            Assert.Equal(runs.Count(r => Failed(r.Conclusion)), day.Failures);
            Assert.Equal(runs.Count(r => r.Conclusion == PipelineConclusion.Cancelled), day.Cancelled);
        }

        Assert.Equal(history.Runs.Count(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime) > today.AddDays(-Lookback)), days.Sum(d => d.Runs));
    }

    [Fact]
    public async Task Mttr_runs_from_the_first_failure_after_a_success_to_the_next_success_per_workflow_and_branch()
    {
        var store = new InMemoryPipelineStore(null, _time);
        var t = GeneratedPipelineHistory.Now.AddDays(-5);
        PipelineRun Run(long id, int minutes, PipelineConclusion conclusion, string branch = "main", string workflow = "ci") =>
            PipelineSamples.Run(id, t.AddMinutes(minutes), conclusion: conclusion) with { Branch = branch, WorkflowName = workflow };

        // main: pass, fail, fail, cancelled (decides nothing), pass, fail (still open).
        foreach (var run in new[]
        {
            Run(1, 0, PipelineConclusion.Success), Run(2, 60, PipelineConclusion.Failure), Run(3, 90, PipelineConclusion.TimedOut),
            Run(4, 100, PipelineConclusion.Cancelled), Run(5, 180, PipelineConclusion.Success), Run(6, 300, PipelineConclusion.Failure),
            // A branch that starts failing: no success before it, no incident.
            Run(7, 0, PipelineConclusion.Failure, "feature"), Run(8, 30, PipelineConclusion.Success, "feature"),
            // Another workflow on main: its own incident, 20 minutes.
            Run(9, 0, PipelineConclusion.Success, workflow: "deploy"), Run(10, 10, PipelineConclusion.Failure, workflow: "deploy"), Run(11, 30, PipelineConclusion.Success, workflow: "deploy"),
        })
        {
            await store.UpsertRunAsync(run, default);
        }

        var mttr = await Analytics(store).MttrAsync(Lookback, null, default);

        // Completion is 5 minutes after creation for every sample run: recovery = success's completion - failure's completion.
        Assert.Equal(3, mttr.Incidents);
        Assert.Equal(2, mttr.Resolved);
        var ci = Assert.Single(mttr.Items, i => i.Workflow == "ci" && i.RestoredRunId is not null);
        Assert.Equal((2L, 5L, 2), (ci.FailedRunId, ci.RestoredRunId!.Value, ci.FailedRuns));
        Assert.Equal(120 * 60, ci.RecoverySeconds);
        Assert.Contains(mttr.Items, i => i.FailedRunId == 6 && i.RestoredAt is null);
        Assert.Equal(((120 * 60) + (20 * 60)) / 2.0, mttr.MeanSeconds);
        Assert.Equal(((120 * 60) + (20 * 60)) / 2.0, mttr.MedianSeconds);
    }

    [Fact]
    public async Task Performance_gives_nearest_rank_percentiles_per_workflow_job_and_step_and_the_slowest_as_bottlenecks()
    {
        var history = new GeneratedPipelineHistory(1500);
        var analytics = Analytics(await history.FillAsync(_time));
        var from = GeneratedPipelineHistory.Now.AddDays(-Lookback);
        var runs = history.Runs.Where(r => r.CreatedAt >= from && r.Status == PipelineStatus.Completed).ToList();
        var jobs = history.Jobs.Where(j => j.CreatedAt >= from && j.Status == PipelineStatus.Completed).ToList();

        var performance = await analytics.PerformanceAsync(Lookback, null, default);

        foreach (var group in runs.GroupBy(r => r.WorkflowName))
        {
            var durations = group.Select(r => (r.UpdatedAt - r.StartedAt!.Value).TotalSeconds).ToList();
            var actual = Assert.Single(performance.Workflows, w => w.Workflow == group.Key);
            Assert.Equal(GeneratedPipelineHistory.NearestRank(durations, 50), actual.Duration.P50Seconds);
            Assert.Equal(GeneratedPipelineHistory.NearestRank(durations, 95), actual.Duration.P95Seconds);
            Assert.Equal(durations.Count, actual.Duration.Count);
            var queue = Assert.Single(performance.WorkflowQueueTimes, w => w.Workflow == group.Key);
            Assert.Equal(GeneratedPipelineHistory.NearestRank(group.Select(r => (r.StartedAt!.Value - r.CreatedAt).TotalSeconds), 95), queue.Duration.P95Seconds);
        }

        var expectedJobs = jobs.GroupBy(j => (j.WorkflowName, j.Name))
            .Select(g => (g.Key.WorkflowName, g.Key.Name, P95: GeneratedPipelineHistory.NearestRank(g.Select(j => (j.CompletedAt!.Value - j.StartedAt!.Value).TotalSeconds), 95)))
            .ToList();
        Assert.Equal(expectedJobs.Count, performance.Jobs.Count);
        var slowest = expectedJobs.Max(j => j.P95);
        Assert.Equal(slowest, performance.SlowestJobs[0].Duration.P95Seconds);
        Assert.Equal(Math.Min(10, expectedJobs.Count), performance.SlowestJobs.Count);
        Assert.True(performance.SlowestJobs.Zip(performance.SlowestJobs.Skip(1)).All(p => p.First.Duration.P95Seconds >= p.Second.Duration.P95Seconds));

        var runSteps = jobs.Where(j => j.Name == "build" && j.WorkflowName == "ci").SelectMany(j => j.Steps).Where(s => s.Name == "run").Select(s => (s.CompletedAt!.Value - s.StartedAt!.Value).TotalSeconds);
        var step = Assert.Single(performance.Steps, s => s.Workflow == "ci" && s.Job == "build" && s.Step == "run");
        Assert.Equal(GeneratedPipelineHistory.NearestRank(runSteps, 50), step.Duration.P50Seconds);
    }

    [Fact]
    public async Task Failures_are_counted_by_branch_author_workflow_job_and_step()
    {
        var history = new GeneratedPipelineHistory(1200);
        var analytics = Analytics(await history.FillAsync(_time));
        var from = GeneratedPipelineHistory.Now.AddDays(-Lookback);
        var decided = history.Runs.Where(r => r.CreatedAt >= from && r.Status == PipelineStatus.Completed && (r.Conclusion == PipelineConclusion.Success || Failed(r.Conclusion))).ToList();

        var failures = await analytics.FailuresAsync(Lookback, null, default);

        Assert.Equal(decided.Count(r => Failed(r.Conclusion)), failures.FailedRuns);
        foreach (var branch in decided.GroupBy(r => r.Branch))
        {
            var actual = Assert.Single(failures.ByBranch, b => b.Key == branch.Key);
            Assert.Equal(branch.Count(r => Failed(r.Conclusion)), actual.Failures);
            Assert.Equal(branch.Count(), actual.Total);
        }

        foreach (var author in decided.GroupBy(r => r.CommitAuthor ?? r.Actor))
        {
            Assert.Equal(author.Count(r => Failed(r.Conclusion)), Assert.Single(failures.ByAuthor, a => a.Key == author.Key).Failures);
        }

        var failedJobs = history.Jobs.Where(j => j.CreatedAt >= from && j.Conclusion == PipelineConclusion.Failure).GroupBy(j => j.Name).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(failedJobs.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)), failures.ByJob.Select(j => (j.Key, j.Failures)));
        Assert.All(failures.ByStep, s => Assert.EndsWith(" / run", s.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_workflow_comparison_lists_every_workflow_with_its_latest_run()
    {
        var history = new GeneratedPipelineHistory(500);
        var analytics = Analytics(await history.FillAsync(_time));
        var window = history.Runs.Where(r => r.CreatedAt >= GeneratedPipelineHistory.Now.AddDays(-Lookback)).ToList();

        var workflows = await analytics.WorkflowsAsync(Lookback, null, default);

        Assert.Equal(window.Select(r => r.WorkflowName).Distinct().Order(), workflows.Select(w => w.Workflow).Order());
        foreach (var workflow in workflows)
        {
            var runs = window.Where(r => r.WorkflowName == workflow.Workflow).ToList();
            Assert.Equal(runs.Count, workflow.Runs);
            Assert.Equal(runs.Max(r => r.CreatedAt), workflow.LastRunAt);
        }
    }

    [Fact]
    public async Task Dora_per_environment_counts_deployments_lead_time_change_failures_and_restores()
    {
        var store = new InMemoryPipelineStore(null, _time);
        var t = GeneratedPipelineHistory.Now.AddDays(-10);
        var commit = t.AddHours(-3);
        await store.UpsertRunAsync(PipelineSamples.Run(1, t.AddHours(-1)) with { CommitAt = commit }, default);
        await store.UpsertRunAsync(PipelineSamples.Run(3, t.AddHours(5)) with { HeadSha = PipelineSamples.Sha(33) }, default);
        async Task Deploy(long id, DateTimeOffset at, DeploymentState state, string environment = "production", long? runId = null, string? sha = null)
        {
            await store.UpsertDeploymentAsync(PipelineSamples.Deployment(id, at, environment, sha) with { RunId = runId }, default);
            await store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(id * 10, id, PipelineSamples.Repository, state, null, null, at.AddMinutes(10)), default);
        }

        await Deploy(1, t, DeploymentState.Success, runId: 1);                          // lead from the commit: 3 h 10 min
        await Deploy(2, t.AddHours(2), DeploymentState.Failure);                        // opens a restore at +2 h 10 min
        await Deploy(3, t.AddHours(6), DeploymentState.Success, sha: PipelineSamples.Sha(33)); // run 3 at that sha, no commit time: lead from run 3's creation, 1 h 10 min; restores after 4 h
        await Deploy(4, t.AddHours(8), DeploymentState.Error);                           // still failing
        await Deploy(5, t.AddHours(1), DeploymentState.Success, "staging");              // no run: lead from the deployment's creation, 10 min

        var dora = await Analytics(store).DoraAsync(Lookback, null, default);

        Assert.Equal(["production", "staging"], dora.Select(d => d.Environment));
        var production = dora[0];
        Assert.Equal((4, 2, 2), (production.Deployments, production.Successful, production.Failed));
        Assert.Equal(2.0 / Lookback, production.DeploymentsPerDay, 12);
        Assert.Equal(0.5, production.ChangeFailureRate);
        Assert.Equal(((190 * 60) + (70 * 60)) / 2.0, production.LeadTime.MeanSeconds);
        Assert.Equal(1, production.LeadTimeFrom["commit"]);
        Assert.Equal(1, production.LeadTimeFrom["run"]);
        Assert.Equal(1, production.TimeToRestore.Count);
        Assert.Equal(4 * 3600, production.TimeToRestore.P50Seconds);
        var staging = dora[1];
        Assert.Equal(10 * 60, staging.LeadTime.P50Seconds);
        Assert.Equal(1, staging.LeadTimeFrom["deployment"]);
        Assert.Equal(0, staging.ChangeFailureRate);
    }

    internal static PipelineAnalyticsService Analytics(IPipelineStore store, PipelineOptions? options = null, ICommitAncestry? ancestry = null, TimeProvider? time = null) =>
        new(store, Options.Create(options ?? new PipelineOptions()), time ?? new FakeTimeProvider(GeneratedPipelineHistory.Now), ancestry);
}
