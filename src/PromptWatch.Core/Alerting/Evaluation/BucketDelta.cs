using PromptWatch.Diagnostics.Performance;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// A scratch histogram that remembers which buckets it touched, so that adding sparse growth, reading it back and
/// clearing it cost what was touched, not the whole bucket range.
/// </summary>
internal sealed class BucketDelta
{
    private readonly int[] _counts = new int[MetricSeries.HistogramBuckets];
    private readonly bool[] _marked = new bool[MetricSeries.HistogramBuckets];
    private readonly List<int> _touched = [];

    public int TouchedCount => _touched.Count;

    public int Index(int i) => _touched[i];

    public int Count(int index) => _counts[index];

    public void Add(int index, int count)
    {
        if (count == 0) return;
        if (!_marked[index])
        {
            _marked[index] = true;
            _touched.Add(index);
        }

        _counts[index] += count;
    }

    public void AddSeries(MetricSeries series)
    {
        var indexes = series.DeltaIndexes;
        var counts = series.DeltaCounts;
        for (var i = 0; i < series.DeltaLength; i++) Add(indexes[i], counts[i]);
    }

    public void Clear()
    {
        foreach (var index in _touched)
        {
            _counts[index] = 0;
            _marked[index] = false;
        }

        _touched.Clear();
    }

    /// <summary>The 95th percentile of what was added (within the bucket error), or <see langword="null"/> when nothing was.</summary>
    public double? Percentile(double fraction, double max)
    {
        long total = 0;
        foreach (var index in _touched) total += Math.Max(0, _counts[index]);
        if (total == 0) return null;
        _touched.Sort();
        var rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        foreach (var index in _touched)
        {
            seen += Math.Max(0, _counts[index]);
            if (seen >= rank) return Math.Min(LogHistogram.BucketEstimate(MetricSeries.HistogramLower, index, MetricSeries.HistogramBuckets, max), max);
        }

        return max;
    }
}

/// <summary>The bucket growth of one sample, sparse.</summary>
internal sealed class SparseBuckets
{
    private int[] _indexes = [];
    private int[] _counts = [];
    private int _length;

    /// <summary>How many measurements the sample holds.</summary>
    public int Total { get; private set; }

    public void Set(BucketDelta delta)
    {
        Ensure(delta.TouchedCount);
        _length = 0;
        Total = 0;
        for (var i = 0; i < delta.TouchedCount; i++)
        {
            var index = delta.Index(i);
            var count = delta.Count(index);
            if (count == 0) continue;
            _indexes[_length] = index;
            _counts[_length++] = count;
            Total += count;
        }
    }

    /// <summary>Adds <paramref name="delta"/> to this sample (the newest sample absorbing a newer one).</summary>
    public void Merge(BucketDelta delta)
    {
        AddTo(delta);
        Set(delta);
    }

    public void AddTo(BucketDelta delta)
    {
        for (var i = 0; i < _length; i++) delta.Add(_indexes[i], _counts[i]);
    }

    private void Ensure(int length)
    {
        if (_indexes.Length >= length) return;
        var size = Math.Min(MetricSeries.HistogramBuckets, Math.Max(length, _indexes.Length * 2));
        Array.Resize(ref _indexes, size);
        Array.Resize(ref _counts, size);
    }
}
