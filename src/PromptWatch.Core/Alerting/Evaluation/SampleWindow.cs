namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// The samples of one alert group over a rule's window: at most <see cref="Capacity"/>, at least window / capacity
/// apart (a newer sample replaces the newest until the spacing is reached), so memory stays bounded whatever the
/// window and the evaluation interval. Counters keep their totals; histograms keep, per sample, the buckets that
/// grew since the sample before (sparse: a sample costs what changed, not the whole histogram, and one without
/// growth costs nothing but its time).
/// </summary>
/// <remarks>
/// A ring buffer of one struct per sample (time, totals and histogram count side by side), so that a tick reads the
/// baseline and writes the newest sample in two places of one array rather than in one place of each of several.
/// </remarks>
internal sealed class SampleWindow
{
    private const int InitialSize = 4;
    private readonly long _spacing;
    private Sample[] _samples;
    private SparseBuckets?[]? _buckets;
    private int _start;
    private int _count;

    // How many of the samples hold histogram growth (Total above zero), so an idle window is not walked.
    private int _withGrowth;

    public SampleWindow(TimeSpan window, int capacity, bool histogram)
    {
        Capacity = capacity;
        var size = Math.Min(InitialSize, capacity);
        _samples = new Sample[size];
        _buckets = histogram ? new SparseBuckets?[size] : null;
        _spacing = window.Ticks / Math.Max(1, capacity - 2);
    }

    public int Capacity { get; }

    public int Count => _count;

    /// <summary>Adds a sample; for histograms, <paramref name="delta"/> holds the buckets that grew since the last one.</summary>
    public void Add(long time, double numerator, double denominator, BucketDelta delta)
    {
        int slot;
        var merge = false;
        var replaces = true;
        if (_count >= 2 && time - _samples[At(_count - 2)].Time < _spacing)
        {
            slot = At(_count - 1);
            merge = true;
        }
        else if (_count < Capacity)
        {
            if (_count == _samples.Length) Grow();
            slot = At(_count);
            _count++;
            replaces = false;
        }
        else
        {
            slot = _start;
            _start = _start + 1 == _samples.Length ? 0 : _start + 1;
        }

        ref var sample = ref _samples[slot];
        if (replaces && sample.Total != 0) _withGrowth--;
        sample.Time = time;
        sample.Numerator = numerator;
        sample.Denominator = denominator;
        if (_buckets is null) return;

        // A sample whose total is zero holds no buckets (whatever its SparseBuckets still hold from an older sample).
        if (delta.TouchedCount == 0)
        {
            if (!merge) sample.Total = 0;
        }
        else
        {
            var buckets = _buckets[slot] ??= new SparseBuckets();
            if (merge && sample.Total != 0) buckets.Merge(delta);
            else buckets.Set(delta);
            sample.Total = buckets.Total;
        }

        if (sample.Total != 0) _withGrowth++;
    }

    /// <summary>
    /// Forgets the samples the window no longer needs: all but the newest at or before <paramref name="since"/>, which
    /// stays as the baseline. Afterwards the oldest sample is the baseline, when one is that old.
    /// </summary>
    public void Prune(long since)
    {
        while (_count >= 2 && _samples[At(1)].Time <= since)
        {
            if (_samples[_start].Total != 0) _withGrowth--;
            _start = _start + 1 == _samples.Length ? 0 : _start + 1;
            _count--;
        }
    }

    /// <summary>After <see cref="Prune"/>: 0 when the oldest sample is at or before <paramref name="since"/>, else -1.</summary>
    public int NewestAtOrBefore(long since) => _count > 0 && _samples[_start].Time <= since ? 0 : -1;

    /// <summary>After <see cref="Prune"/>: the index (0 = oldest) of the sample to measure increases from.</summary>
    public static int BaselineIndex => 0;

    public long Time(int index) => _samples[At(index)].Time;

    public double Numerator(int index) => _samples[At(index)].Numerator;

    public double Denominator(int index) => _samples[At(index)].Denominator;

    /// <summary>Adds the bucket growth of the samples after <paramref name="since"/> to <paramref name="delta"/>.</summary>
    public void AccumulateAfter(long since, BucketDelta delta)
    {
        if (_withGrowth == 0) return;
        for (var i = NewestAtOrBefore(since) + 1; i < _count; i++)
        {
            var at = At(i);
            if (_samples[at].Total != 0) _buckets![at]!.AddTo(delta);
        }
    }

    private int At(int index)
    {
        var at = _start + index;
        return at >= _samples.Length ? at - _samples.Length : at;
    }

    // The array grows (up to the capacity) only as far as the window needs: most windows hold a few dozen samples.
    private void Grow()
    {
        var size = Math.Min(Capacity, _samples.Length * 2);
        if (_buckets is not null) _buckets = Reorder(_buckets, size);
        _samples = Reorder(_samples, size);
        _start = 0;
    }

    // Copies the samples oldest first into a larger array (before _samples, whose length At reads, is replaced).
    private T[] Reorder<T>(T[] items, int size)
    {
        var copy = new T[size];
        for (var i = 0; i < _count; i++) copy[i] = items[At(i)];
        return copy;
    }

    private struct Sample
    {
        public long Time;
        public double Numerator;
        public double Denominator;

        /// <summary>How many measurements a histogram sample holds (0: none, its buckets are not read).</summary>
        public int Total;
    }
}
