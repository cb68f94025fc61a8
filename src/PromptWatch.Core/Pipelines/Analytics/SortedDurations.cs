namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// Durations grouped by a group id and sorted within each group once, each remembering the position (in creation
/// order) of the run or job it belongs to: a window that starts at a position is summarised by one pass that keeps
/// the durations at or after it, already in order, so that no request sorts.
/// </summary>
internal sealed class SortedDurations
{
    private readonly int[] groupStart;
    private readonly long[] ticks;
    private readonly int[] positions;

    private SortedDurations(int[] groupStart, long[] ticks, int[] positions)
    {
        this.groupStart = groupStart;
        this.ticks = ticks;
        this.positions = positions;
    }

    /// <summary>How many groups there are (ids 0 to this minus one).</summary>
    public int GroupCount => groupStart.Length - 1;

    /// <summary>Sorts the durations: entry i is <paramref name="ticks"/>[i] of group <paramref name="groups"/>[i] at <paramref name="positions"/>[i].</summary>
    public static SortedDurations Build(int groupCount, ReadOnlySpan<int> groups, ReadOnlySpan<long> ticks, ReadOnlySpan<int> positions)
    {
        var start = new int[groupCount + 1];
        foreach (var group in groups) start[group + 1]++;
        for (var g = 0; g < groupCount; g++) start[g + 1] += start[g];
        var next = start[..groupCount];
        var sortedTicks = new long[groups.Length];
        var sortedPositions = new int[groups.Length];
        for (var i = 0; i < groups.Length; i++)
        {
            var at = next[groups[i]]++;
            sortedTicks[at] = ticks[i];
            sortedPositions[at] = positions[i];
        }

        for (var g = 0; g < groupCount; g++) Array.Sort(sortedTicks, sortedPositions, start[g], start[g + 1] - start[g]);
        return new SortedDurations(start, sortedTicks, sortedPositions);
    }

    /// <summary>
    /// The summary of group <paramref name="group"/>'s durations whose position is at least <paramref name="from"/> and
    /// below <paramref name="to"/>, in seconds, exactly as <see cref="Percentiles.Summarise"/> gives it; null when there are none.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="from">The window's first position.</param>
    /// <param name="buffer">Room for the group's durations (at least its size).</param>
    /// <param name="to">The position after the window's last.</param>
    public DurationSummary? Summarise(int group, int from, double[] buffer, int to = int.MaxValue)
    {
        var count = 0;
        for (var i = groupStart[group]; i < groupStart[group + 1]; i++)
        {
            if (positions[i] >= from && positions[i] < to) buffer[count++] = TimeSpan.FromTicks(ticks[i]).TotalSeconds;
        }

        return count == 0 ? null : Percentiles.SummariseSorted(buffer.AsSpan(0, count));
    }

    /// <summary>The size of the largest group (a buffer of this size serves every group).</summary>
    public int LargestGroup()
    {
        var largest = 0;
        for (var g = 0; g < GroupCount; g++) largest = Math.Max(largest, groupStart[g + 1] - groupStart[g]);
        return largest;
    }
}
