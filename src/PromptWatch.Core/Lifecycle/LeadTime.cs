namespace PromptWatch.Lifecycle;

/// <summary>Promotion lead times: from a version's first appearance in one environment to its appearance in another.</summary>
/// <param name="Promotions">How many promotions were measured.</param>
/// <param name="Median">The median lead time.</param>
/// <param name="Last">The lead time of the latest promotion.</param>
/// <param name="Slowest">The longest lead time.</param>
public sealed record LeadTime(int Promotions, TimeSpan Median, TimeSpan Last, TimeSpan Slowest)
{
    /// <summary>The statistics of <paramref name="leadTimes"/> (in the order the promotions happened), or <see langword="null"/> when there are none.</summary>
    /// <param name="leadTimes">The lead times, oldest promotion first.</param>
    /// <returns>The statistics.</returns>
    public static LeadTime? Of(IReadOnlyList<TimeSpan> leadTimes)
    {
        ArgumentNullException.ThrowIfNull(leadTimes);
        if (leadTimes.Count == 0) return null;
        var sorted = leadTimes.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new LeadTime(sorted.Length, median, leadTimes[^1], sorted[^1]);
    }
}
