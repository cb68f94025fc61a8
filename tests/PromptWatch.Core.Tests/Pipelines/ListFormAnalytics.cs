using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// The analytics computed over lists of runs and jobs, as they were before the columns (one pass over the runs,
/// grouped in dictionaries): the second reference of <see cref="PipelineAnalyticsDifferentialTests"/>, beside the
/// one written from the definitions, which the column forms of src must answer as.
/// </summary>
internal static class ListFormAnalytics
{
    public static PipelineOverview Overview(IReadOnlyList<PipelineRun> runs, DateTimeOffset from, DateTimeOffset to)
    {
        var statuses = Enum.GetValues<PipelineStatus>();
        var conclusions = Enum.GetValues<PipelineConclusion>();
        var byStatus = new int[statuses.Length];
        var byConclusion = new int[conclusions.Length];
        int total = 0, completed = 0, successes = 0, failures = 0;
        var durations = new List<double>();
        var queue = new List<double>();
        foreach (var run in runs)
        {
            if (run.CreatedAt < from || run.CreatedAt > to) continue;
            total++;
            byStatus[(int)run.Status]++;
            if (run.QueueTime is { } waited) queue.Add(waited.TotalSeconds);
            if (!run.IsCompleted) continue;
            completed++;
            if (run.Conclusion is { } conclusion) byConclusion[(int)conclusion]++;
            if (PipelineOutcome.IsSuccess(run.Conclusion)) successes++;
            else if (PipelineOutcome.IsFailure(run.Conclusion)) failures++;
            if (run.Duration is { } took) durations.Add(took.TotalSeconds);
        }

        var decided = successes + failures;
        return new PipelineOverview(from, to, total, completed, successes, failures, PipelineOutcome.Rate(successes, decided), PipelineOutcome.Rate(failures, decided),
            statuses.ToDictionary(static v => PipelineNames.Of(v), v => byStatus[(int)v], StringComparer.Ordinal),
            conclusions.ToDictionary(static v => PipelineNames.Of(v), v => byConclusion[(int)v], StringComparer.Ordinal), Percentiles.Summarise(durations), Percentiles.Summarise(queue));
    }

    /// <summary>Incidents per repository, workflow and branch, each series sorted by creation; listed newest failure first.</summary>
    public static PipelineMttr Mttr(IReadOnlyList<PipelineRun> runs)
    {
        var series = new Dictionary<(string, string, string?), List<PipelineRun>>();
        foreach (var run in runs)
        {
            if (!run.IsCompleted || !(PipelineOutcome.IsSuccess(run.Conclusion) || PipelineOutcome.IsFailure(run.Conclusion))) continue;
            var key = (run.Repository, run.WorkflowName, run.Branch);
            if (!series.TryGetValue(key, out var list)) series[key] = list = [];
            list.Add(run);
        }

        var incidents = new List<PipelineIncident>();
        foreach (var ((repository, workflow, branch), list) in series)
        {
            list.Sort(static (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Id.CompareTo(b.Id));
            var sawSuccess = false;
            PipelineRun? opened = null;
            var failed = 0;
            foreach (var run in list)
            {
                if (PipelineOutcome.IsSuccess(run.Conclusion))
                {
                    if (opened is not null) incidents.Add(new PipelineIncident(repository, workflow, branch, opened.Id, opened.UpdatedAt, run.Id, run.UpdatedAt, failed));
                    opened = null;
                    failed = 0;
                    sawSuccess = true;
                }
                else if (sawSuccess)
                {
                    opened ??= run;
                    failed++;
                }
            }

            if (opened is not null) incidents.Add(new PipelineIncident(repository, workflow, branch, opened.Id, opened.UpdatedAt, null, null, failed));
        }

        incidents.Sort(static (a, b) => b.FailedAt.CompareTo(a.FailedAt));
        var times = incidents.Where(static i => i.RecoverySeconds is not null).Select(static i => i.RecoverySeconds!.Value).ToList();
        times.Sort();
        return new PipelineMttr(incidents.Count, times.Count, Percentiles.Median(times), times.Count == 0 ? null : times.Average(), incidents);
    }

    public static PipelinePerformance Performance(IReadOnlyList<PipelineRun> runs, IReadOnlyList<PipelineJob> jobs)
    {
        var workflows = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var queues = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            if (run.Duration is { } took) Add(workflows, run.WorkflowName, took.TotalSeconds);
            if (run.IsCompleted && run.QueueTime is { } waited) Add(queues, run.WorkflowName, waited.TotalSeconds);
        }

        var jobGroups = new Dictionary<(string, string), List<double>>();
        var stepGroups = new Dictionary<(string, string, string), List<double>>();
        foreach (var job in jobs)
        {
            if (!job.IsCompleted) continue;
            var workflow = job.WorkflowName ?? string.Empty;
            if (job.Duration is { } took) Add(jobGroups, (workflow, job.Name), took.TotalSeconds);
            foreach (var step in job.Steps)
            {
                if (step.Duration is { } stepTook) Add(stepGroups, (workflow, job.Name, step.Name), stepTook.TotalSeconds);
            }
        }

        var workflowList = workflows.Select(static p => new PipelineDurationGroup(p.Key, null, null, Percentiles.Summarise(p.Value))).OrderBy(static g => g.Workflow, StringComparer.Ordinal).ToList();
        var queueList = queues.Select(static p => new PipelineDurationGroup(p.Key, null, null, Percentiles.Summarise(p.Value))).OrderBy(static g => g.Workflow, StringComparer.Ordinal).ToList();
        var jobList = jobGroups.Select(static p => new PipelineDurationGroup(p.Key.Item1, p.Key.Item2, null, Percentiles.Summarise(p.Value))).OrderBy(static g => g.Workflow, StringComparer.Ordinal).ThenBy(static g => g.Job, StringComparer.Ordinal).ToList();
        var stepList = stepGroups.Select(static p => new PipelineDurationGroup(p.Key.Item1, p.Key.Item2, p.Key.Item3, Percentiles.Summarise(p.Value))).OrderBy(static g => g.Workflow, StringComparer.Ordinal).ThenBy(static g => g.Job, StringComparer.Ordinal).ThenBy(static g => g.Step, StringComparer.Ordinal).ToList();
        return new PipelinePerformance(workflowList, queueList, jobList, stepList, Slowest(jobList), Slowest(stepList));
    }

    public static PipelineFailures Failures(IReadOnlyList<PipelineRun> runs, IReadOnlyList<PipelineJob> jobs)
    {
        var branch = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var author = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var workflow = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var failedRuns = 0;
        foreach (var run in runs)
        {
            var failed = PipelineOutcome.IsFailure(run.Conclusion);
            if (!run.IsCompleted || !(failed || PipelineOutcome.IsSuccess(run.Conclusion))) continue;
            if (failed) failedRuns++;
            Count(branch, run.Branch ?? "(none)", failed);
            Count(author, run.CommitAuthor ?? run.Actor ?? "(unknown)", failed);
            Count(workflow, run.WorkflowName, failed);
        }

        var job = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var step = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var j in jobs)
        {
            if (j.IsCompleted && (PipelineOutcome.IsFailure(j.Conclusion) || PipelineOutcome.IsSuccess(j.Conclusion))) Count(job, j.Name, PipelineOutcome.IsFailure(j.Conclusion));
            foreach (var s in j.Steps)
            {
                if (s.Status == PipelineStatus.Completed && (PipelineOutcome.IsFailure(s.Conclusion) || PipelineOutcome.IsSuccess(s.Conclusion))) Count(step, j.Name + " / " + s.Name, PipelineOutcome.IsFailure(s.Conclusion));
            }
        }

        return new PipelineFailures(failedRuns, Rank(branch), Rank(author), Rank(workflow), Rank(job), Rank(step));
    }

    public static IReadOnlyList<PipelineWorkflowSummary> Workflows(IReadOnlyList<PipelineRun> runs)
    {
        var groups = new Dictionary<string, (int Runs, int Successes, int Failures, List<double> Durations, List<double> Queue, PipelineRun Last)>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            if (!groups.TryGetValue(run.WorkflowName, out var g)) g = (0, 0, 0, [], [], run);
            g.Runs++;
            if (run.IsCompleted && PipelineOutcome.IsSuccess(run.Conclusion)) g.Successes++;
            else if (run.IsCompleted && PipelineOutcome.IsFailure(run.Conclusion)) g.Failures++;
            if (run.Duration is { } took) g.Durations.Add(took.TotalSeconds);
            if (run.QueueTime is { } waited) g.Queue.Add(waited.TotalSeconds);
            if (run.CreatedAt > g.Last.CreatedAt || (run.CreatedAt == g.Last.CreatedAt && run.Id > g.Last.Id)) g.Last = run;
            groups[run.WorkflowName] = g;
        }

        return [.. groups.Select(static p => new PipelineWorkflowSummary(
                p.Key, p.Value.Runs, p.Value.Successes, p.Value.Failures, PipelineOutcome.Rate(p.Value.Successes, p.Value.Successes + p.Value.Failures),
                Percentiles.Summarise(p.Value.Durations), Percentiles.Summarise(p.Value.Queue), p.Value.Last.CreatedAt,
                PipelineNames.Of(p.Value.Last.Status), p.Value.Last.Conclusion is { } c ? PipelineNames.Of(c) : null))
            .OrderByDescending(static s => s.Runs).ThenBy(static s => s.Workflow, StringComparer.Ordinal)];
    }

    private static List<PipelineDurationGroup> Slowest(List<PipelineDurationGroup> groups) =>
        [.. groups.OrderByDescending(static g => g.Duration.P95Seconds).ThenByDescending(static g => g.Duration.MeanSeconds).Take(PipelinePerformance.Bottlenecks)];

    private static void Add<TKey>(Dictionary<TKey, List<double>> groups, TKey key, double seconds)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
        list.Add(seconds);
    }

    private static void Count(Dictionary<string, (int Failures, int Total)> counts, string key, bool failed)
    {
        counts.TryGetValue(key, out var c);
        counts[key] = (c.Failures + (failed ? 1 : 0), c.Total + 1);
    }

    private static List<PipelineFailureCount> Rank(Dictionary<string, (int Failures, int Total)> counts) =>
        [.. counts.Where(static p => p.Value.Failures > 0)
            .Select(static p => new PipelineFailureCount(p.Key, p.Value.Failures, p.Value.Total, PipelineOutcome.Rate(p.Value.Failures, p.Value.Total)))
            .OrderByDescending(static c => c.Failures).ThenBy(static c => c.Key, StringComparer.Ordinal).Take(PipelineFailures.Top)];
}
