namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// Runs created in the window: counts by status and conclusion, and rates over the decided runs (completed with a
/// pass or a failure; cancelled, skipped and neutral runs are counted but decide nothing).
/// </summary>
internal sealed record PipelineOverview(
    DateTimeOffset From,
    DateTimeOffset To,
    int TotalRuns,
    int CompletedRuns,
    int Successes,
    int Failures,
    double SuccessRate,
    double FailureRate,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByConclusion,
    DurationSummary Duration,
    DurationSummary QueueTime)
{
    public static PipelineOverview Compute(IReadOnlyList<PipelineRun> runs, DateTimeOffset from, DateTimeOffset to)
    {
        var byStatus = Enum.GetValues<PipelineStatus>().ToDictionary(static s => PipelineNames.Of(s), static _ => 0, StringComparer.Ordinal);
        var byConclusion = Enum.GetValues<PipelineConclusion>().ToDictionary(static c => PipelineNames.Of(c), static _ => 0, StringComparer.Ordinal);
        int total = 0, completed = 0, successes = 0, failures = 0;
        var durations = new List<double>();
        var queue = new List<double>();
        foreach (var run in runs)
        {
            if (run.CreatedAt < from || run.CreatedAt > to) continue;
            total++;
            byStatus[PipelineNames.Of(run.Status)]++;
            if (run.QueueTime is { } waited) queue.Add(waited.TotalSeconds);
            if (!run.IsCompleted) continue;
            completed++;
            if (run.Conclusion is { } conclusion) byConclusion[PipelineNames.Of(conclusion)]++;
            if (PipelineOutcome.IsSuccess(run.Conclusion)) successes++;
            else if (PipelineOutcome.IsFailure(run.Conclusion)) failures++;
            if (run.Duration is { } took) durations.Add(took.TotalSeconds);
        }

        var decided = successes + failures;
        return new PipelineOverview(from, to, total, completed, successes, failures, PipelineOutcome.Rate(successes, decided), PipelineOutcome.Rate(failures, decided), byStatus, byConclusion, Percentiles.Summarise(durations), Percentiles.Summarise(queue));
    }
}
