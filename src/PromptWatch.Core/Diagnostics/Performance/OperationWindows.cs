namespace PromptWatch.Diagnostics.Performance;

/// <summary>
/// One operation's sliding windows: 60 one-minute buckets (the last hour) and 24 one-hour buckets (the last 24 hours),
/// reused in a ring, so its memory is fixed whatever the number of samples. Not thread-safe: the monitor locks it.
/// </summary>
internal sealed class OperationWindows
{
    public const int MinuteBuckets = 60;
    public const int HourBuckets = 24;

    private readonly TimeBucket[] _minutes = NewRing(MinuteBuckets);
    private readonly TimeBucket[] _hours = NewRing(HourBuckets);

    public OperationWindows(DateTimeOffset firstSeen) => FirstSeen = firstSeen;

    /// <summary>When the first sample arrived (since the last reset): learning the baseline takes 24 hours from then.</summary>
    public DateTimeOffset FirstSeen { get; private set; }

    public double? LearnedBaseline { get; private set; }

    /// <summary>Every bucket of both rings: the memory bound, allocated once.</summary>
    public int BucketCount => _minutes.Length + _hours.Length;

    public void Record(DateTimeOffset now, double milliseconds, bool failed)
    {
        var minute = MinuteOf(now);
        _minutes[minute % MinuteBuckets].Record(minute, milliseconds, failed);
        var hour = minute / 60;
        _hours[hour % HourBuckets].Record(hour, milliseconds, failed);
    }

    /// <summary>Learns the baseline once 24 hours passed since the first sample: the p95 of those 24 hours.</summary>
    public void Learn(DateTimeOffset now)
    {
        if (LearnedBaseline is not null || now - FirstSeen < TimeSpan.FromHours(24)) return;
        var (histogram, _) = Merge(now, 24);
        if (histogram.Count > 0) LearnedBaseline = histogram.Percentile(0.95);
    }

    /// <summary>The samples of the last <paramref name="hours"/>: one hour from the minute ring, more from the hour ring (the current hour and the whole ones before it).</summary>
    public (LogHistogram Histogram, long Failures) Merge(DateTimeOffset now, int hours)
    {
        var merged = new LogHistogram(TimeBucket.LowerMilliseconds, TimeBucket.HistogramBuckets);
        long failures = 0;
        var minute = MinuteOf(now);
        var (ring, oldest) = hours <= 1 ? (_minutes, minute - MinuteBuckets + 1) : (_hours, minute / 60 - hours + 1);
        var newest = hours <= 1 ? minute : minute / 60;
        foreach (var bucket in ring)
        {
            if (bucket.Slot < oldest || bucket.Slot > newest || bucket.Histogram is not { } histogram) continue;
            merged.Add(histogram);
            failures += bucket.Failures;
        }

        return (merged, failures);
    }

    public void Clear(DateTimeOffset now)
    {
        foreach (var bucket in _minutes) bucket.Clear();
        foreach (var bucket in _hours) bucket.Clear();
        FirstSeen = now;
        LearnedBaseline = null;
    }

    private static long MinuteOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;

    private static TimeBucket[] NewRing(int size)
    {
        var ring = new TimeBucket[size];
        for (var i = 0; i < size; i++) ring[i] = new TimeBucket();
        return ring;
    }
}
