namespace PromptWatch.Diagnostics.Performance;

/// <summary>The samples of one operation in one time slot (a minute or an hour): counts and a histogram allocated on first use.</summary>
internal sealed class TimeBucket
{
    /// <summary>The lowest duration told apart, in milliseconds (1 µs).</summary>
    public const double LowerMilliseconds = 0.001;

    /// <summary>Buckets from 1 µs up to about 2.4 hours, growing by 10 %.</summary>
    public const int HistogramBuckets = 242;

    private LogHistogram? _histogram;

    /// <summary>The slot's number (minutes or hours since the epoch); -1 while empty.</summary>
    public long Slot { get; private set; } = -1;

    public long Failures { get; private set; }

    public LogHistogram? Histogram => _histogram;

    public void Record(long slot, double milliseconds, bool failed)
    {
        if (Slot != slot) Restart(slot);
        _histogram ??= new LogHistogram(LowerMilliseconds, HistogramBuckets);
        _histogram.Record(milliseconds);
        if (failed) Failures++;
    }

    public void Clear() => Restart(-1);

    private void Restart(long slot)
    {
        Slot = slot;
        Failures = 0;
        _histogram?.Clear();
    }
}
