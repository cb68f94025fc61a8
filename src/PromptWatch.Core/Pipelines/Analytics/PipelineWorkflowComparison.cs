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
    /// <summary>The workflows of the runs from position <paramref name="start"/>, their durations already sorted per workflow.</summary>
    public static IReadOnlyList<PipelineWorkflowSummary> Compute(PipelineRun[] runs, PipelineRunColumns columns, int start)
    {
        var groups = new (int Runs, int Successes, int Failures, int Last)[columns.WorkflowNames.Count];
        for (var i = start; i < runs.Length; i++)
        {
            var run = runs[i];
            ref var g = ref groups[columns.Workflow[i]];
            g.Runs++;
            if (run.IsCompleted && PipelineOutcome.IsSuccess(run.Conclusion)) g.Successes++;
            else if (run.IsCompleted && PipelineOutcome.IsFailure(run.Conclusion)) g.Failures++;
            // Oldest first: the last one seen is the latest (creation time, then id).
            g.Last = i;
        }

        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(columns.LargestGroup);
        try
        {
            var result = new List<PipelineWorkflowSummary>();
            for (var w = 0; w < groups.Length; w++)
            {
                var g = groups[w];
                if (g.Runs == 0) continue;
                var last = runs[g.Last];
                result.Add(new PipelineWorkflowSummary(columns.WorkflowNames[w], g.Runs, g.Successes, g.Failures, PipelineOutcome.Rate(g.Successes, g.Successes + g.Failures),
                    columns.WorkflowDurations.Summarise(w, start, buffer) ?? DurationSummary.None, columns.WorkflowQueueTimes.Summarise(w, start, buffer) ?? DurationSummary.None,
                    last.CreatedAt, PipelineNames.Of(last.Status), last.Conclusion is { } c ? PipelineNames.Of(c) : null));
            }

            return [.. result.OrderByDescending(static s => s.Runs).ThenBy(static s => s.Workflow, StringComparer.Ordinal)];
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
