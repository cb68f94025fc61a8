namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// The samples of one alert group over a rule's window: at most <see cref="Capacity"/>, at least window / capacity
/// apart (a newer sample replaces the newest until the spacing is reached), so memory stays bounded whatever the
/// window and the evaluation interval. Counters keep their totals; histograms keep, per sample, the buckets that
/// grew since the sample before (sparse: a sample costs what changed, not the whole histogram).
/// </summary>
internal sealed class SampleWindow
{
    private const int InitialSize = 4;
    private readonly bool _histogram;
    private long[] _times;
    private double[] _numerators;
    private double[] _denominators;
    private SparseBuckets[]? _buckets;
    private int[] _totals;
    private readonly long _spacing;
    private int _start;
    private int _count;

    public SampleWindow(TimeSpan window, int capacity, bool histogram)
    {
        Capacity = capacity;
        _histogram = histogram;
        var size = Math.Min(InitialSize, capacity);
        _times = new long[size];
        _numerators = new double[size];
        _denominators = new double[size];
        _buckets = histogram ? new SparseBuckets[size] : null;
        _totals = histogram ? new int[size] : [];
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
            if (_count == _times.Length) Grow();
            slot = At(_count);
            _count++;
        }
        else
        {
            slot = _start;
            _start = _start + 1 == _times.Length ? 0 : _start + 1;
        }

        _times[slot] = time;
        _numerators[slot] = numerator;
        _denominators[slot] = denominator;
        if (_buckets is null) return;
        var buckets = _buckets[slot] ??= new SparseBuckets();
        if (merge) buckets.Merge(delta);
        else buckets.Set(delta);
        _totals[slot] = buckets.Total;
    }

    /// <summary>
    /// Forgets the samples the window no longer needs: all but the newest at or before <paramref name="since"/>, which
    /// stays as the baseline. Afterwards the oldest sample is the baseline, when one is that old.
    /// </summary>
    public void Prune(long since)
    {
        while (_count >= 2 && _times[At(1)] <= since)
        {
            _start = _start + 1 == _times.Length ? 0 : _start + 1;
            _count--;
        }
    }

    /// <summary>After <see cref="Prune"/>: 0 when the oldest sample is at or before <paramref name="since"/>, else -1.</summary>
    public int NewestAtOrBefore(long since) => _count > 0 && _times[_start] <= since ? 0 : -1;

    /// <summary>After <see cref="Prune"/>: the index (0 = oldest) of the sample to measure increases from.</summary>
    public static int BaselineIndex => 0;

    public long Time(int index) => _times[At(index)];

    public double Numerator(int index) => _numerators[At(index)];

    public double Denominator(int index) => _denominators[At(index)];

    /// <summary>Adds the bucket growth of the samples after <paramref name="since"/> to <paramref name="delta"/>.</summary>
    public void AccumulateAfter(long since, BucketDelta delta)
    {
        for (var i = NewestAtOrBefore(since) + 1; i < _count; i++)
        {
            var at = At(i);
            if (_totals[at] != 0) _buckets![at].AddTo(delta);
        }
    }

    private int At(int index)
    {
        var at = _start + index;
        return at >= _times.Length ? at - _times.Length : at;
    }

    // The arrays grow (up to the capacity) only as far as the window needs: most windows hold a few dozen samples.
    private void Grow()
    {
        var size = Math.Min(Capacity, _times.Length * 2);
        _numerators = Reorder(_numerators, size);
        _denominators = Reorder(_denominators, size);
        if (_histogram)
        {
            _buckets = Reorder(_buckets!, size);
            _totals = Reorder(_totals, size);
        }

        _times = Reorder(_times, size);
        _start = 0;
    }

    // Copies the samples oldest first into a larger array (before _times, whose length At reads, is replaced).
    private T[] Reorder<T>(T[] items, int size)
    {
        var copy = new T[size];
        for (var i = 0; i < _count; i++) copy[i] = items[At(i)];
        return copy;
    }
}
