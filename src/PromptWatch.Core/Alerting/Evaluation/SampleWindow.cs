namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// The samples of one alert group over a rule's window: at most <see cref="Capacity"/>, at least window / capacity
/// apart (a newer sample replaces the newest until the spacing is reached), so memory stays bounded whatever the
/// window and the evaluation interval. Counters keep their totals; histograms keep, per sample, the buckets that
/// grew since the sample before (sparse: a sample costs what changed, not the whole histogram).
/// </summary>
internal sealed class SampleWindow
{
    private readonly long[] _times;
    private readonly double[] _numerators;
    private readonly double[] _denominators;
    private readonly SparseBuckets[]? _buckets;
    private readonly long _spacing;
    private int _start;
    private int _count;

    public SampleWindow(TimeSpan window, int capacity, bool histogram)
    {
        Capacity = capacity;
        _times = new long[capacity];
        _numerators = new double[capacity];
        _denominators = new double[capacity];
        _buckets = histogram ? new SparseBuckets[capacity] : null;
        _spacing = window.Ticks / Math.Max(1, capacity - 2);
    }

    public int Capacity { get; }

    public int Count => _count;

    /// <summary>Adds a sample; for histograms, <paramref name="delta"/> holds the buckets that grew since the last one.</summary>
    public void Add(long time, double numerator, double denominator, BucketDelta delta)
    {
        int slot;
        var merge = false;
        if (_count >= 2 && time - _times[At(_count - 2)] < _spacing)
        {
            slot = At(_count - 1);
            merge = true;
        }
        else if (_count < Capacity)
        {
            slot = At(_count);
            _count++;
        }
        else
        {
            slot = _start;
            _start = (_start + 1) % Capacity;
        }

        _times[slot] = time;
        _numerators[slot] = numerator;
        _denominators[slot] = denominator;
        if (_buckets is null) return;
        var buckets = _buckets[slot] ??= new SparseBuckets();
        if (merge) buckets.Merge(delta);
        else buckets.Set(delta);
    }

    /// <summary>The index (0 = oldest) of the newest sample at or before <paramref name="since"/>, or -1 when none is that old.</summary>
    public int NewestAtOrBefore(long since)
    {
        var found = -1;
        for (var i = 0; i < _count; i++)
        {
            if (_times[At(i)] <= since) found = i;
            else break;
        }

        return found;
    }

    /// <summary>The index (0 = oldest) of the sample to measure increases from: the newest at or before <paramref name="since"/>, else the oldest.</summary>
    public int BaselineIndex(long since) => Math.Max(0, NewestAtOrBefore(since));

    public long Time(int index) => _times[At(index)];

    public double Numerator(int index) => _numerators[At(index)];

    public double Denominator(int index) => _denominators[At(index)];

    /// <summary>Adds the bucket growth of the samples after <paramref name="since"/> to <paramref name="delta"/>.</summary>
    public void AccumulateAfter(long since, BucketDelta delta)
    {
        for (var i = NewestAtOrBefore(since) + 1; i < _count; i++) _buckets![At(i)].AddTo(delta);
    }

    private int At(int index) => (_start + index) % Capacity;
}
