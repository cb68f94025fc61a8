using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// Every analytics route over a larger randomized history (fixed seed: two repositories, every status and conclusion,
/// missing times and names, job and step names whose <c>job / step</c> keys collide, deployments to environments
/// spelled two ways), against a straightforward reference written here from the definitions: group with LINQ, sort,
/// take the nearest rank. Compared as JSON (doubles round-trip exactly), for several windows and repository filters,
/// again after the store changed and after time passed without a change (what the analytics kept must not answer then).
/// </summary>
public sealed class PipelineAnalyticsDifferentialTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly PipelineOptions StoreOptions = new() { RetentionDays = 90, MaxRuns = 1_000_000 };
    private static readonly string[] Repositories = ["octo/prompts", "octo/Other"];
    private static readonly string[] WorkflowNames = ["ci", "deploy", "nightly", "CI"];
    private static readonly string[] Branches = ["main", "feature/a", "release"];
    private static readonly string[] People = ["mona", "hubot", "octocat"];
    private static readonly string[] JobNames = ["build", "test", "a / b", "a"];
    private static readonly string[] StepNames = ["checkout", "run", "c", "b / c"];
    private static readonly string[] Environments = ["production", "Production", "staging"];

    private readonly FakeTimeProvider _time = new(Start);
    private readonly Random _random = new(20260630);
    private readonly List<PipelineRun> _runs = [];
    private readonly List<PipelineJob> _jobs = [];
    private readonly List<PipelineDeployment> _deployments = [];

    [Fact]
    public async Task Every_route_answers_as_the_reference_before_and_after_changes_and_as_time_passes()
    {
        var store = new InMemoryPipelineStore(StoreOptions, _time);
        await AddAsync(store, Generate(4000, firstId: 1, days: 100));
        var analytics = PipelineAnalyticsTests.Analytics(store, StoreOptions, time: _time);

        await CompareAllAsync(analytics);

        // Time passes without a change: the windows move over what was read before.
        _time.Advance(TimeSpan.FromHours(30));
        await CompareAllAsync(analytics);

        // The store changes: new runs and jobs, a later attempt of a run, a new status of a deployment.
        await AddAsync(store, Generate(300, firstId: 100_000, days: 2));
        var rerun = _runs.Last(r => r.CreatedAt >= Now.AddDays(-10));
        var second = rerun with { Attempt = 2, Status = PipelineStatus.Completed, Conclusion = PipelineConclusion.Success, UpdatedAt = Now };
        Assert.True(await store.UpsertRunAsync(second, default));
        _runs[_runs.IndexOf(rerun)] = second;
        var deployment = _deployments.Last(d => d.CreatedAt >= Now.AddDays(-10) && (d.LatestStateAt is null || d.LatestStateAt <= Now));
        Assert.True(await store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(9_999_999, deployment.Id, deployment.Repository, DeploymentState.Failure, null, null, Now), default));
        _deployments[_deployments.IndexOf(deployment)] = deployment with { LatestState = DeploymentState.Failure, LatestStateAt = Now };
        await CompareAllAsync(analytics);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private static bool Failed(PipelineConclusion? c) => c is PipelineConclusion.Failure or PipelineConclusion.TimedOut or PipelineConclusion.StartupFailure;

    private static bool Passed(PipelineConclusion? c) => c is PipelineConclusion.Success;

    private static string Snake<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static void Same<T>(T expected, T actual, string what) => Assert.True(
        JsonSerializer.Serialize(expected) == JsonSerializer.Serialize(actual),
        $"{what}:\nexpected {JsonSerializer.Serialize(expected)}\nactual   {JsonSerializer.Serialize(actual)}");

    private static DurationSummary Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        double? Rank(double percent) => sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return new DurationSummary(sorted.Count, Rank(50), Rank(95), sorted.Count == 0 ? null : sorted.Average(), sorted.Count == 0 ? null : sorted[^1]);
    }

    /// <summary>A run's duration or queue time: never below zero.</summary>
    private static double Seconds(DateTimeOffset to, DateTimeOffset from) => to >= from ? (to - from).TotalSeconds : 0;

    private async Task CompareAllAsync(PipelineAnalyticsService analytics)
    {
        foreach (var (lookback, repository) in new (int, string?)[] { (30, null), (7, null), (90, null), (60, "OCTO/OTHER") })
        {
            var what = $"{lookback} days, {repository ?? "all repositories"}, at {Now:O}";
            Same(Overview(lookback, repository), await analytics.OverviewAsync(lookback, repository, default), "overview, " + what);
            Same(Trends(lookback, repository), await analytics.TrendsAsync(lookback, repository, default), "trends, " + what);
            var mttr = await analytics.MttrAsync(lookback, repository, default);
            Assert.True(mttr.Items.Zip(mttr.Items.Skip(1)).All(static p => p.First.FailedAt >= p.Second.FailedAt), "Incidents are newest first.");
            Same(Mttr(lookback, repository), mttr with { Items = [.. mttr.Items.OrderByDescending(static i => i.FailedAt).ThenBy(static i => i.FailedRunId)] }, "mttr, " + what);
            // Incidents failing at the same time keep the order of the list-based computation too.
            Same(ListFormAnalytics.Mttr([.. RunsSince(Now.AddDays(-lookback), repository)]), mttr, "mttr order, " + what);
            Same(Performance(lookback, repository), await analytics.PerformanceAsync(lookback, repository, default), "performance, " + what);
            Same(Failures(lookback, repository), await analytics.FailuresAsync(lookback, repository, default), "failures, " + what);
            Same(Workflows(lookback, repository), await analytics.WorkflowsAsync(lookback, repository, default), "workflows, " + what);
            Same(Dora(lookback, repository), await analytics.DoraAsync(lookback, repository, default), "dora, " + what);

            // The list forms of the computations (over what the store reads, as before the columns) answer the same.
            var from = Now.AddDays(-lookback);
            List<PipelineRun> runs = [.. RunsSince(from, repository)];
            List<PipelineJob> jobs = [.. JobsSince(from, repository)];
            Same(ListFormAnalytics.Overview(runs, from, Now), await analytics.OverviewAsync(lookback, repository, default), "overview, list form, " + what);
            Same(ListFormAnalytics.Performance(runs, jobs), await analytics.PerformanceAsync(lookback, repository, default), "performance, list form, " + what);
            Same(ListFormAnalytics.Failures(runs, jobs), await analytics.FailuresAsync(lookback, repository, default), "failures, list form, " + what);
            Same(ListFormAnalytics.Workflows(runs), await analytics.WorkflowsAsync(lookback, repository, default), "workflows, list form, " + what);
        }
    }

    // The reference: what the store holds (within the retention), by the definitions of README's "Analytics, as computed".
    private IEnumerable<PipelineRun> RunsSince(DateTimeOffset since, string? repository)
    {
        var from = since > Now.AddDays(-StoreOptions.RetentionDays) ? since : Now.AddDays(-StoreOptions.RetentionDays);
        return _runs.Where(r => r.CreatedAt >= from && (repository is null || string.Equals(r.Repository, repository, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(static r => r.CreatedAt).ThenBy(static r => r.Id);
    }

    private IEnumerable<PipelineJob> JobsSince(DateTimeOffset since, string? repository)
    {
        var from = since > Now.AddDays(-StoreOptions.RetentionDays) ? since : Now.AddDays(-StoreOptions.RetentionDays);
        return _jobs.Where(j => j.CreatedAt >= from && (repository is null || string.Equals(j.Repository, repository, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(static j => j.CreatedAt).ThenBy(static j => j.Id);
    }

    private PipelineOverview Overview(int lookback, string? repository)
    {
        var from = Now.AddDays(-lookback);
        var runs = RunsSince(from, repository).Where(r => r.CreatedAt <= Now).ToList();
        var completed = runs.Where(static r => r.Status == PipelineStatus.Completed).ToList();
        var passes = completed.Count(static r => Passed(r.Conclusion));
        var failures = completed.Count(static r => Failed(r.Conclusion));
        return new PipelineOverview(from, Now, runs.Count, completed.Count, passes, failures,
            passes + failures == 0 ? 0 : (double)passes / (passes + failures), passes + failures == 0 ? 0 : (double)failures / (passes + failures),
            Enum.GetValues<PipelineStatus>().ToDictionary(static s => Snake(s), s => runs.Count(r => r.Status == s)),
            Enum.GetValues<PipelineConclusion>().ToDictionary(static c => Snake(c), c => completed.Count(r => r.Conclusion == c)),
            Summary(completed.Select(static r => Seconds(r.UpdatedAt, r.StartedAt ?? r.CreatedAt))),
            Summary(runs.Where(static r => r.StartedAt is not null).Select(static r => Seconds(r.StartedAt!.Value, r.CreatedAt))));
    }

    private List<PipelineTrendDay> Trends(int lookback, string? repository)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var runs = RunsSince(new DateTimeOffset(today.AddDays(1 - lookback).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), repository).ToList();
        return [.. Enumerable.Range(0, lookback).Select(i =>
        {
            var date = today.AddDays(1 - lookback + i);
            var day = runs.Where(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime) == date).ToList();
            var done = day.Where(static r => r.Status == PipelineStatus.Completed).ToList();
            int passes = done.Count(static r => Passed(r.Conclusion)), failures = done.Count(static r => Failed(r.Conclusion));
            // The mean in creation order, as a running sum adds them.
            double? mean = done.Count == 0 ? null : done.Aggregate(0d, static (sum, r) => sum + Seconds(r.UpdatedAt, r.StartedAt ?? r.CreatedAt)) / done.Count;
            return new PipelineTrendDay(date, day.Count, passes, failures, done.Count(static r => r.Conclusion == PipelineConclusion.Cancelled),
                passes + failures == 0 ? 0 : (double)passes / (passes + failures), mean);
        })];
    }

    private PipelineMttr Mttr(int lookback, string? repository)
    {
        var incidents = new List<PipelineIncident>();
        var decided = RunsSince(Now.AddDays(-lookback), repository).Where(static r => r.Status == PipelineStatus.Completed && (Passed(r.Conclusion) || Failed(r.Conclusion)));
        foreach (var series in decided.GroupBy(static r => (r.Repository, r.WorkflowName, r.Branch)))
        {
            PipelineRun? opened = null;
            var failures = 0;
            var passedBefore = false;
            foreach (var run in series.OrderBy(static r => r.CreatedAt).ThenBy(static r => r.Id))
            {
                if (Passed(run.Conclusion))
                {
                    if (opened is not null) incidents.Add(new PipelineIncident(series.Key.Repository, series.Key.WorkflowName, series.Key.Branch, opened.Id, opened.UpdatedAt, run.Id, run.UpdatedAt, failures));
                    (opened, failures, passedBefore) = (null, 0, true);
                }
                else if (passedBefore)
                {
                    opened ??= run;
                    failures++;
                }
            }

            if (opened is not null) incidents.Add(new PipelineIncident(series.Key.Repository, series.Key.WorkflowName, series.Key.Branch, opened.Id, opened.UpdatedAt, null, null, failures));
        }

        var times = incidents.Where(static i => i.RestoredAt is not null).Select(static i => (i.RestoredAt!.Value - i.FailedAt).TotalSeconds).Order().ToList();
        double? median = times.Count == 0 ? null : times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        return new PipelineMttr(incidents.Count, times.Count, median, times.Count == 0 ? null : times.Average(), [.. incidents.OrderByDescending(static i => i.FailedAt).ThenBy(static i => i.FailedRunId)]);
    }

    private PipelinePerformance Performance(int lookback, string? repository)
    {
        var from = Now.AddDays(-lookback);
        var runs = RunsSince(from, repository).Where(static r => r.Status == PipelineStatus.Completed).ToList();
        var jobs = JobsSince(from, repository).Where(static j => j.Status == PipelineStatus.Completed).ToList();
        static double? Took(DateTimeOffset? started, DateTimeOffset? completed) => started is { } s && completed is { } c && c >= s ? (c - s).TotalSeconds : null;
        var workflows = runs.GroupBy(static r => r.WorkflowName).Select(static g => new PipelineDurationGroup(g.Key, null, null, Summary(g.Select(static r => Seconds(r.UpdatedAt, r.StartedAt ?? r.CreatedAt))))).OrderBy(static g => g.Workflow, StringComparer.Ordinal).ToList();
        var queues = runs.Where(static r => r.StartedAt is not null).GroupBy(static r => r.WorkflowName).Select(static g => new PipelineDurationGroup(g.Key, null, null, Summary(g.Select(static r => Seconds(r.StartedAt!.Value, r.CreatedAt))))).OrderBy(static g => g.Workflow, StringComparer.Ordinal).ToList();
        var jobGroups = jobs.Where(static j => Took(j.StartedAt, j.CompletedAt) is not null).GroupBy(static j => (Workflow: j.WorkflowName ?? "", j.Name))
            .Select(static g => new PipelineDurationGroup(g.Key.Workflow, g.Key.Name, null, Summary(g.Select(static j => Took(j.StartedAt, j.CompletedAt)!.Value))))
            .OrderBy(static g => g.Workflow, StringComparer.Ordinal).ThenBy(static g => g.Job, StringComparer.Ordinal).ToList();
        var stepGroups = jobs.SelectMany(static j => j.Steps.Where(static s => Took(s.StartedAt, s.CompletedAt) is not null).Select(s => (Workflow: j.WorkflowName ?? "", Job: j.Name, Step: s.Name, Seconds: Took(s.StartedAt, s.CompletedAt)!.Value)))
            .GroupBy(static s => (s.Workflow, s.Job, s.Step))
            .Select(static g => new PipelineDurationGroup(g.Key.Workflow, g.Key.Job, g.Key.Step, Summary(g.Select(static s => s.Seconds))))
            .OrderBy(static g => g.Workflow, StringComparer.Ordinal).ThenBy(static g => g.Job, StringComparer.Ordinal).ThenBy(static g => g.Step, StringComparer.Ordinal).ToList();
        static List<PipelineDurationGroup> Slowest(List<PipelineDurationGroup> groups) => [.. groups.OrderByDescending(static g => g.Duration.P95Seconds).ThenByDescending(static g => g.Duration.MeanSeconds).Take(10)];
        return new PipelinePerformance(workflows, queues, jobGroups, stepGroups, Slowest(jobGroups), Slowest(stepGroups));
    }

    private PipelineFailures Failures(int lookback, string? repository)
    {
        var from = Now.AddDays(-lookback);
        var runs = RunsSince(from, repository).Where(static r => r.Status == PipelineStatus.Completed && (Passed(r.Conclusion) || Failed(r.Conclusion))).ToList();
        var jobs = JobsSince(from, repository).ToList();
        static List<PipelineFailureCount> Rank(IEnumerable<(string Key, bool Failed)> items) =>
            [.. items.GroupBy(static i => i.Key, StringComparer.Ordinal)
                .Select(static g => new PipelineFailureCount(g.Key, g.Count(static i => i.Failed), g.Count(), (double)g.Count(static i => i.Failed) / g.Count()))
                .Where(static c => c.Failures > 0).OrderByDescending(static c => c.Failures).ThenBy(static c => c.Key, StringComparer.Ordinal).Take(20)];
        return new PipelineFailures(
            runs.Count(static r => Failed(r.Conclusion)),
            Rank(runs.Select(static r => (r.Branch ?? "(none)", Failed(r.Conclusion)))),
            Rank(runs.Select(static r => (r.CommitAuthor ?? r.Actor ?? "(unknown)", Failed(r.Conclusion)))),
            Rank(runs.Select(static r => (r.WorkflowName, Failed(r.Conclusion)))),
            Rank(jobs.Where(static j => j.Status == PipelineStatus.Completed && (Passed(j.Conclusion) || Failed(j.Conclusion))).Select(static j => (j.Name, Failed(j.Conclusion)))),
            Rank(jobs.SelectMany(static j => j.Steps.Where(static s => s.Status == PipelineStatus.Completed && (Passed(s.Conclusion) || Failed(s.Conclusion))).Select(s => (j.Name + " / " + s.Name, Failed(s.Conclusion))))));
    }

    private List<PipelineWorkflowSummary> Workflows(int lookback, string? repository) =>
        [.. RunsSince(Now.AddDays(-lookback), repository).GroupBy(static r => r.WorkflowName, StringComparer.Ordinal).Select(static g =>
        {
            int passes = g.Count(static r => r.Status == PipelineStatus.Completed && Passed(r.Conclusion)), failures = g.Count(static r => r.Status == PipelineStatus.Completed && Failed(r.Conclusion));
            var last = g.OrderByDescending(static r => r.CreatedAt).ThenByDescending(static r => r.Id).First();
            return new PipelineWorkflowSummary(g.Key, g.Count(), passes, failures, passes + failures == 0 ? 0 : (double)passes / (passes + failures),
                Summary(g.Where(static r => r.Status == PipelineStatus.Completed).Select(static r => Seconds(r.UpdatedAt, r.StartedAt ?? r.CreatedAt))),
                Summary(g.Where(static r => r.StartedAt is not null).Select(static r => Seconds(r.StartedAt!.Value, r.CreatedAt))),
                last.CreatedAt, Snake(last.Status), last.Conclusion is { } c ? Snake(c) : null);
        }).OrderByDescending(static s => s.Runs).ThenBy(static s => s.Workflow, StringComparer.Ordinal)];

    private List<PipelineDoraEnvironment> Dora(int lookback, string? repository)
    {
        var runs = RunsSince(Now.AddDays(-StoreOptions.RetentionDays), repository).ToList();
        // As the store lists them: newest first; an environment is named as its newest deployment spells it.
        var deployments = _deployments.Where(d => d.CreatedAt >= Now.AddDays(-lookback) && (repository is null || string.Equals(d.Repository, repository, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(static d => d.CreatedAt).ThenByDescending(static d => d.Id).ToList();
        var result = new List<PipelineDoraEnvironment>();
        foreach (var environment in deployments.GroupBy(static d => d.Environment, StringComparer.OrdinalIgnoreCase))
        {
            int successful = 0, failed = 0;
            var leads = new List<double>();
            var restores = new List<double>();
            var sources = new Dictionary<string, int> { ["commit"] = 0, ["run"] = 0, ["deployment"] = 0 };
            DateTimeOffset? failing = null;
            var succeededBefore = false;
            foreach (var d in environment.OrderBy(static d => d.CreatedAt).ThenBy(static d => d.Id))
            {
                var at = d.LatestStateAt ?? d.CreatedAt;
                if (d.LatestState is DeploymentState.Success or DeploymentState.Inactive)
                {
                    successful++;
                    var run = runs.FirstOrDefault(r => r.Id == d.RunId)
                        ?? runs.Where(r => string.Equals(r.Repository, d.Repository, StringComparison.OrdinalIgnoreCase) && r.HeadSha == d.Sha).OrderBy(static r => r.CreatedAt).ThenBy(static r => r.Id).FirstOrDefault();
                    var (start, source) = run?.CommitAt is { } commit ? (commit, "commit") : run is not null ? (run.CreatedAt, "run") : (d.CreatedAt, "deployment");
                    sources[source]++;
                    leads.Add(Math.Max(0, (at - start).TotalSeconds));
                    if (failing is { } opened) restores.Add(Math.Max(0, (at - opened).TotalSeconds));
                    (failing, succeededBefore) = (null, true);
                }
                else if (d.LatestState is DeploymentState.Failure or DeploymentState.Error)
                {
                    failed++;
                    if (succeededBefore) failing ??= at;
                }
            }

            result.Add(new PipelineDoraEnvironment(environment.First().Environment, environment.Count(), successful, failed, (double)successful / lookback,
                Summary(leads), sources, successful + failed == 0 ? 0 : (double)failed / (successful + failed), Summary(restores)));
        }

        return [.. result.OrderBy(static e => e.Environment, StringComparer.Ordinal)];
    }

    private static async Task AddAsync(InMemoryPipelineStore store, (List<PipelineRun> Runs, List<PipelineJob> Jobs, List<PipelineDeployment> Deployments) history)
    {
        foreach (var run in history.Runs) await store.UpsertRunAsync(run, default);
        foreach (var job in history.Jobs) await store.UpsertJobAsync(job, default);
        foreach (var deployment in history.Deployments) await store.UpsertDeploymentAsync(deployment, default);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private DateTimeOffset? Maybe(DateTimeOffset at, int percentNull) => _random.Next(100) < percentNull ? null : at;

    /// <summary>Runs (kept by the reference only when the store keeps them: within the retention), their jobs, and deployments.</summary>
    private (List<PipelineRun>, List<PipelineJob>, List<PipelineDeployment>) Generate(int count, long firstId, int days)
    {
        var runs = new List<PipelineRun>();
        var jobs = new List<PipelineJob>();
        var deployments = new List<PipelineDeployment>();
        var statuses = Enum.GetValues<PipelineStatus>();
        var conclusions = Enum.GetValues<PipelineConclusion>();
        var states = Enum.GetValues<DeploymentState>();
        for (var i = 0; i < count; i++)
        {
            var id = firstId + i;
            var created = Now.AddSeconds(-_random.Next(0, days * 86_400)).AddTicks(-_random.Next(0, 10_000_000));
            var status = _random.Next(4) == 0 ? Pick(statuses) : PipelineStatus.Completed;
            var started = Maybe(created.AddSeconds(_random.Next(-5, 300)), 10);
            var run = new PipelineRun
            {
                Id = id,
                Repository = Pick(Repositories),
                WorkflowName = Pick(WorkflowNames),
                RunNumber = (int)id,
                Branch = _random.Next(10) == 0 ? null : Pick(Branches),
                // Some shas repeat, so that a deployment without a run id finds the earliest run at its sha.
                HeadSha = PipelineSamples.Sha(_random.Next(0, count / 2) + firstId),
                Event = "push",
                Actor = _random.Next(10) == 0 ? null : Pick(People),
                CommitAuthor = _random.Next(4) == 0 ? null : Pick(People),
                CommitAt = Maybe(created.AddMinutes(-_random.Next(1, 600)), 30),
                Status = status,
                Conclusion = status == PipelineStatus.Completed ? (_random.Next(2) == 0 ? PipelineConclusion.Success : Pick(conclusions)) : null,
                CreatedAt = created,
                StartedAt = started,
                UpdatedAt = (started ?? created).AddSeconds(_random.Next(-30, 3600)),
            };
            if (run.CreatedAt >= Now.AddDays(-StoreOptions.RetentionDays)) _runs.Add(run);
            runs.Add(run);
            var jobCount = _random.Next(0, 5);
            for (var j = 0; j < jobCount; j++)
            {
                var jobStarted = Maybe(created.AddSeconds(_random.Next(0, 60)), 10);
                var job = new PipelineJob
                {
                    Id = (id * 10) + j,
                    RunId = id,
                    Repository = run.Repository,
                    Name = Pick(JobNames),
                    WorkflowName = _random.Next(10) == 0 ? null : run.WorkflowName,
                    Status = _random.Next(5) == 0 ? Pick(statuses) : PipelineStatus.Completed,
                    Conclusion = _random.Next(8) == 0 ? null : (_random.Next(2) == 0 ? PipelineConclusion.Success : Pick(conclusions)),
                    CreatedAt = created.AddSeconds(j - 2),
                    StartedAt = jobStarted,
                    CompletedAt = Maybe((jobStarted ?? created).AddSeconds(_random.Next(-20, 1800)), 10),
                    Steps = [.. Enumerable.Range(1, _random.Next(0, 4)).Select(k => new PipelineStep(k, Pick(StepNames), _random.Next(5) == 0 ? Pick(statuses) : PipelineStatus.Completed,
                        _random.Next(8) == 0 ? null : (_random.Next(2) == 0 ? PipelineConclusion.Success : Pick(conclusions)),
                        Maybe(created.AddSeconds(k * 10), 10), Maybe(created.AddSeconds((k * 10) + _random.Next(-5, 600)), 10)))],
                };
                if (job.CreatedAt >= Now.AddDays(-StoreOptions.RetentionDays)) _jobs.Add(job);
                jobs.Add(job);
            }

            if (_random.Next(12) == 0)
            {
                var deployment = new PipelineDeployment
                {
                    Id = id,
                    Repository = run.Repository,
                    Environment = Pick(Environments),
                    Sha = _random.Next(3) == 0 ? PipelineSamples.Sha(_random.Next(0, count) + firstId) : run.HeadSha,
                    Ref = "main",
                    CreatedAt = run.UpdatedAt > Now ? Now : run.UpdatedAt,
                    LatestState = _random.Next(10) == 0 ? null : Pick(states),
                    LatestStateAt = Maybe(run.UpdatedAt.AddMinutes(_random.Next(0, 30)), 20),
                    RunId = _random.Next(3) == 0 ? null : id,
                };
                if (deployment.CreatedAt >= Now.AddDays(-StoreOptions.RetentionDays)) _deployments.Add(deployment);
                deployments.Add(deployment);
            }
        }

        return (runs, jobs, deployments);
    }
}
