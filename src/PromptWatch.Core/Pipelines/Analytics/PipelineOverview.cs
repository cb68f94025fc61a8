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
    /// <summary>The overview of the runs from position <paramref name="start"/> to before <paramref name="end"/>, their durations already sorted.</summary>
    public static PipelineOverview Compute(PipelineRun[] runs, PipelineRunColumns columns, int start, int end, DateTimeOffset from, DateTimeOffset to)
    {
        var statuses = Enum.GetValues<PipelineStatus>();
        var conclusions = Enum.GetValues<PipelineConclusion>();
        var byStatus = new int[statuses.Length];
        var byConclusion = new int[conclusions.Length];
        int completed = 0, successes = 0, failures = 0;
        for (var i = start; i < end; i++)
        {
            var run = runs[i];
            byStatus[(int)run.Status]++;
            if (!run.IsCompleted) continue;
            completed++;
            if (run.Conclusion is { } conclusion) byConclusion[(int)conclusion]++;
            if (PipelineOutcome.IsSuccess(run.Conclusion)) successes++;
            else if (PipelineOutcome.IsFailure(run.Conclusion)) failures++;
        }

        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(columns.LargestGroup);
        try
        {
            var decided = successes + failures;
            return new PipelineOverview(from, to, Math.Max(0, end - start), completed, successes, failures, PipelineOutcome.Rate(successes, decided), PipelineOutcome.Rate(failures, decided),
                statuses.ToDictionary(static v => PipelineNames.Of(v), v => byStatus[(int)v], StringComparer.Ordinal),
                conclusions.ToDictionary(static v => PipelineNames.Of(v), v => byConclusion[(int)v], StringComparer.Ordinal),
                columns.Durations.Summarise(0, start, buffer, end) ?? DurationSummary.None, columns.QueueTimes.Summarise(0, start, buffer, end) ?? DurationSummary.None);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
