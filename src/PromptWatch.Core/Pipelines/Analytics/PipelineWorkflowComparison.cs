namespace PromptWatch.Pipelines.Analytics;

/// <summary>One workflow beside the others: its runs, rates, durations, queue times and latest run.</summary>
internal sealed record PipelineWorkflowSummary(
    string Workflow,
    int Runs,
    int Successes,
    int Failures,
    double SuccessRate,
    DurationSummary Duration,
    DurationSummary QueueTime,
    DateTimeOffset LastRunAt,
    string LastStatus,
    string? LastConclusion);

/// <summary>Every workflow with runs in the window, most runs first.</summary>
internal static class PipelineWorkflowComparison
{
    public static IReadOnlyList<PipelineWorkflowSummary> Compute(IReadOnlyList<PipelineRun> runs)
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
}
