namespace PromptWatch.Pipelines.Analytics;

/// <summary>Percentiles by the nearest-rank method: the smallest value with at least p % of the values at or below it.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percent"/> percentile of <paramref name="sorted"/> (ascending), null when empty.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The median of <paramref name="sorted"/> (the mean of the two middle values of an even count), null when empty.</summary>
    public static double? Median(IReadOnlyList<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>The <paramref name="percent"/> percentile of <paramref name="sorted"/> (ascending, not empty).</summary>
    public static double Of(ReadOnlySpan<double> sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Summarises durations in seconds already sorted (ascending, not empty): the same figures as <see cref="Summarise"/>, the mean summed in the same order.</summary>
    public static DurationSummary SummariseSorted(ReadOnlySpan<double> sorted)
    {
        var sum = 0d;
        foreach (var value in sorted) sum += value;
        return new DurationSummary(sorted.Length, Of(sorted, 50), Of(sorted, 95), sum / sorted.Length, sorted[^1]);
    }

    /// <summary>Summarises durations in seconds.</summary>
    public static DurationSummary Summarise(List<double> seconds)
    {
        seconds.Sort();
        return new DurationSummary(seconds.Count, Of(seconds, 50), Of(seconds, 95), seconds.Count == 0 ? null : seconds.Average(), seconds.Count == 0 ? null : seconds[^1]);
    }
}

/// <summary>Durations in seconds: how many, p50 and p95 (nearest rank), mean and the longest.</summary>
/// <param name="Count">How many durations.</param>
/// <param name="P50Seconds">The median.</param>
/// <param name="P95Seconds">The 95th percentile.</param>
/// <param name="MeanSeconds">The mean.</param>
/// <param name="MaxSeconds">The longest.</param>
internal sealed record DurationSummary(int Count, double? P50Seconds, double? P95Seconds, double? MeanSeconds, double? MaxSeconds)
{
    /// <summary>No durations.</summary>
    public static DurationSummary None { get; } = new(0, null, null, null, null);
}
