namespace PromptWatch.Pipelines.Analytics;

/// <summary>One UTC day of runs, by creation time.</summary>
internal sealed record PipelineTrendDay(DateOnly Date, int Runs, int Successes, int Failures, int Cancelled, double SuccessRate, double? MeanDurationSeconds);

/// <summary>Daily buckets over the window: every UTC day from the window's first to today, empty days included.</summary>
internal static class PipelineTrends
{
    public static IReadOnlyList<PipelineTrendDay> Compute(IReadOnlyList<PipelineRun> runs, DateTimeOffset now, int lookbackDays)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - lookbackDays);
        var days = new (int Runs, int Successes, int Failures, int Cancelled, double DurationSum, int Durations)[lookbackDays];
        foreach (var run in runs)
        {
            var index = DateOnly.FromDateTime(run.CreatedAt.UtcDateTime).DayNumber - first.DayNumber;
            if (index < 0 || index >= lookbackDays) continue;
            ref var day = ref days[index];
            day.Runs++;
            if (!run.IsCompleted) continue;
            if (PipelineOutcome.IsSuccess(run.Conclusion)) day.Successes++;
            else if (PipelineOutcome.IsFailure(run.Conclusion)) day.Failures++;
            else if (run.Conclusion == PipelineConclusion.Cancelled) day.Cancelled++;
            if (run.Duration is { } took)
            {
                day.DurationSum += took.TotalSeconds;
                day.Durations++;
            }
        }

        var result = new PipelineTrendDay[lookbackDays];
        for (var i = 0; i < lookbackDays; i++)
        {
            var d = days[i];
            result[i] = new PipelineTrendDay(first.AddDays(i), d.Runs, d.Successes, d.Failures, d.Cancelled, PipelineOutcome.Rate(d.Successes, d.Successes + d.Failures), d.Durations == 0 ? null : d.DurationSum / d.Durations);
        }

        return result;
    }
}
