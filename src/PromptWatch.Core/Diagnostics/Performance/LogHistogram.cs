namespace PromptWatch.Diagnostics.Performance;

/// <summary>
/// A fixed log-scale histogram: bucket <c>i</c> (from 1) holds values in (<c>lower·g^(i-1)</c>, <c>lower·g^i</c>], bucket 0
/// those at or below <c>lower</c>, the last one those above the range. Its size never grows with the samples; a
/// percentile is the geometric middle of its bucket, within <c>√g − 1</c> (about 4.9 % for g = 1.1) of the exact value.
/// </summary>
internal sealed class LogHistogram
{
    /// <summary>The ratio of one bucket's upper bound to the one before.</summary>
    public const double Growth = 1.1;

    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly double _lower;
    private readonly int[] _counts;

    public LogHistogram(double lower, int buckets)
    {
        _lower = lower;
        _counts = new int[buckets];
    }

    public int BucketCount => _counts.Length;

    /// <summary>The count of each bucket, for readers that keep snapshots of them (alert rules over a window).</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>The lowest bucket's upper bound.</summary>
    public double Lower => _lower;

    /// <summary>The value a percentile in bucket <paramref name="index"/> is estimated at, as <see cref="Percentile"/> does (without clamping).</summary>
    public static double BucketEstimate(double lower, int index, int bucketCount, double max) =>
        index == 0 ? lower : index == bucketCount - 1 ? max : lower * Math.Pow(Growth, index - 0.5);

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public void Record(double value)
    {
        if (double.IsNaN(value)) return;
        _counts[IndexOf(value)]++;
        Count++;
        Sum += value;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    public void Add(LogHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        Sum = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    /// <summary>The value below which <paramref name="fraction"/> of the samples fall (0 without samples), within the bucket error, clamped to the exact minimum and maximum.</summary>
    public double Percentile(double fraction)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(fraction * Count);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen < rank) continue;
            double estimate;
            if (i == 0) estimate = _lower;
            else if (i == _counts.Length - 1) estimate = Max;
            else estimate = _lower * Math.Pow(Growth, i - 0.5);
            return Math.Clamp(estimate, Min, Max);
        }

        return Max;
    }

    private int IndexOf(double value)
    {
        if (value <= _lower) return 0;
        var index = (int)Math.Ceiling(Math.Log(value / _lower) / LogGrowth);
        return Math.Clamp(index, 1, _counts.Length - 1);
    }
}
