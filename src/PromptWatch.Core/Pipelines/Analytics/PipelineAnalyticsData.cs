namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// What the analytics read from the store under one store version for one repository filter: the runs and jobs
/// created since <see cref="Since"/>, oldest first (creation time, then id), with their creation times in ticks so that
/// a window's start is found by binary search and the window is a slice (no copy). The columns the grouping routes
/// need (names interned to ids, outcomes, durations sorted per group) are made once, on first use, and kept with it.
/// </summary>
internal sealed class PipelineAnalyticsData
{
    private readonly long[] runTicks;
    private readonly long[] jobTicks;
    private readonly Lazy<PipelineFailureColumns> failures;
    private readonly Lazy<PipelinePerformanceColumns> performance;
    private readonly Lazy<PipelineRunColumns> runColumns;

    public PipelineAnalyticsData(long? version, DateTimeOffset since, IReadOnlyList<PipelineRun> runs, IReadOnlyList<PipelineJob> jobs)
    {
        Version = version;
        Since = since;
        Runs = [.. runs];
        Jobs = [.. jobs];
        if (!IsOrdered(Runs, static r => (r.CreatedAt.UtcTicks, r.Id))) Array.Sort(Runs, static (a, b) => a.CreatedAt.UtcTicks != b.CreatedAt.UtcTicks ? a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks) : a.Id.CompareTo(b.Id));
        if (!IsOrdered(Jobs, static j => (j.CreatedAt.UtcTicks, j.Id))) Array.Sort(Jobs, static (a, b) => a.CreatedAt.UtcTicks != b.CreatedAt.UtcTicks ? a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks) : a.Id.CompareTo(b.Id));
        runTicks = Array.ConvertAll(Runs, static r => r.CreatedAt.UtcTicks);
        jobTicks = Array.ConvertAll(Jobs, static j => j.CreatedAt.UtcTicks);
        failures = new(() => new PipelineFailureColumns(Runs, Jobs));
        performance = new(() => new PipelinePerformanceColumns(Runs, Jobs));
        runColumns = new(() => new PipelineRunColumns(Runs));
    }

    /// <summary>The store's version it was read under (null: the store keeps none, and this is not kept).</summary>
    public long? Version { get; }

    /// <summary>The earliest creation time read.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>The runs, oldest first.</summary>
    public PipelineRun[] Runs { get; }

    /// <summary>The jobs, oldest first.</summary>
    public PipelineJob[] Jobs { get; }

    public PipelineFailureColumns Failures => failures.Value;

    public PipelinePerformanceColumns Performance => performance.Value;

    public PipelineRunColumns RunColumns => runColumns.Value;

    /// <summary>The position after the last run created at or before <paramref name="to"/>.</summary>
    public int RunEnd(DateTimeOffset to) => to.UtcTicks == long.MaxValue ? Runs.Length : LowerBound(runTicks, to.UtcTicks + 1);

    /// <summary>The position of the first run created at or after <paramref name="from"/>.</summary>
    public int RunStart(DateTimeOffset from) => LowerBound(runTicks, from.UtcTicks);

    /// <summary>The position of the first job created at or after <paramref name="from"/>.</summary>
    public int JobStart(DateTimeOffset from) => LowerBound(jobTicks, from.UtcTicks);

    /// <summary>The runs created at or after <paramref name="from"/>, oldest first, as the store's <c>GetRunsSinceAsync</c> answers them.</summary>
    public IReadOnlyList<PipelineRun> RunsFrom(DateTimeOffset from)
    {
        var start = RunStart(from);
        return new System.Collections.ObjectModel.ReadOnlyCollection<PipelineRun>(new ArraySegment<PipelineRun>(Runs, start, Runs.Length - start));
    }

    private static int LowerBound(long[] sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }

        return low;
    }

    private static bool IsOrdered<T>(T[] items, Func<T, (long Ticks, long Id)> key)
    {
        for (var i = 1; i < items.Length; i++)
        {
            if (key(items[i - 1]).CompareTo(key(items[i])) > 0) return false;
        }

        return true;
    }
}
