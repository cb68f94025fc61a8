using PromptWatch.Diagnostics.Performance;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// One attribute set of one instrument as the engine reads it: a running total (counters), the last value (gauges)
/// or a histogram, written by measurements and copied into <see cref="Sampled"/> once per evaluation, so that rules
/// read a consistent value without locks.
/// </summary>
internal sealed class MetricSeries
{
    /// <summary>The lowest bucket bound of series histograms (the same scale as the metric snapshot's).</summary>
    public const double HistogramLower = 1e-6;

    /// <summary>The buckets of series histograms.</summary>
    public const int HistogramBuckets = 360;

    private readonly Lock _lock = new();
    private double _value;

    // Whether the histogram recorded since the last sampling: a quiet histogram's buckets are not compared again.
    private bool _recorded;

    public MetricSeries(IReadOnlyDictionary<string, string> attributes, bool histogram)
    {
        Attributes = attributes;
        Histogram = histogram ? new LogHistogram(HistogramLower, HistogramBuckets) : null;
        SampledBuckets = histogram ? new int[HistogramBuckets] : null;
        DeltaIndexes = histogram ? new int[HistogramBuckets] : [];
        DeltaCounts = histogram ? new int[HistogramBuckets] : [];
    }

    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The histogram of every measurement (histogram instruments).</summary>
    public LogHistogram? Histogram { get; }

    /// <summary>The value at the last sampling: the total, the last value, or a histogram's count.</summary>
    public double Sampled { get; private set; }

    /// <summary>A histogram's bucket counts at the last sampling.</summary>
    public int[]? SampledBuckets { get; }

    /// <summary>The buckets that changed between the two last samplings (<see cref="DeltaLength"/> of them, by index).</summary>
    public int[] DeltaIndexes { get; }

    /// <summary>How much each of <see cref="DeltaIndexes"/> grew.</summary>
    public int[] DeltaCounts { get; }

    /// <summary>How many buckets changed between the two last samplings.</summary>
    public int DeltaLength { get; private set; }

    /// <summary>A histogram's largest measurement at the last sampling.</summary>
    public double SampledMax { get; private set; }

    public void Add(double value)
    {
        lock (_lock) _value += value;
    }

    public void Set(double value)
    {
        lock (_lock) _value = value;
    }

    public void Record(double value)
    {
        lock (_lock)
        {
            Histogram!.Record(value);
            _recorded = true;
        }
    }

    /// <summary>Copies the current value into <see cref="Sampled"/> (and the buckets into <see cref="SampledBuckets"/>).</summary>
    public void Sample()
    {
        lock (_lock)
        {
            if (Histogram is { } histogram)
            {
                if (!_recorded)
                {
                    DeltaLength = 0;
                    return;
                }

                _recorded = false;
                Sampled = histogram.Count;
                SampledMax = histogram.Count == 0 ? 0 : histogram.Max;
                var counts = histogram.Counts;
                var previous = SampledBuckets!;
                var changed = 0;
                for (var i = 0; i < counts.Length; i++)
                {
                    if (counts[i] == previous[i]) continue;
                    DeltaIndexes[changed] = i;
                    DeltaCounts[changed++] = counts[i] - previous[i];
                    previous[i] = counts[i];
                }

                DeltaLength = changed;
            }
            else
            {
                Sampled = _value;
            }
        }
    }
}
