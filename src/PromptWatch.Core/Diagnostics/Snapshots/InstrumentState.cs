using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics.Performance;

namespace PromptWatch.Diagnostics.Snapshots;

/// <summary>The collected points of one instrument, per attribute set, at most <see cref="MaxPoints"/> of them.</summary>
internal sealed class InstrumentState(Instrument instrument, string kind)
{
    /// <summary>The cap on attribute sets per instrument; measurements of further sets are dropped.</summary>
    public const int MaxPoints = 200;

    /// <summary>Histograms of measurements from 10⁻⁶ up to about 7·10⁸ (seconds, milliseconds, tokens alike).</summary>
    private const double HistogramLower = 1e-6;
    private const int HistogramBuckets = 360;

    private readonly Dictionary<string, Point> _points = new(StringComparer.Ordinal);

    public Instrument Instrument { get; } = instrument;

    public string Kind { get; } = kind;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var attributes = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags) attributes.Add(new(tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        attributes.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u001f', attributes.Select(static a => a.Key + "\u001e" + a.Value));
        lock (_points)
        {
            if (!_points.TryGetValue(key, out var point))
            {
                if (_points.Count >= MaxPoints) return;
                point = new Point(attributes, Kind == MetricKinds.Histogram ? new LogHistogram(HistogramLower, HistogramBuckets) : null);
                _points.Add(key, point);
            }

            if (point.Histogram is { } histogram) histogram.Record(value);
            else if (!Instrument.IsObservable && Kind is MetricKinds.Counter or MetricKinds.UpDownCounter) point.Value += value;
            else point.Value = value;
        }
    }

    public MetricSeries Snapshot()
    {
        lock (_points)
        {
            var points = _points.Values.Select(static p => p.Histogram is { } h
                    ? new MetricPoint(p.Attributes, null, h.Count, h.Sum, h.Percentile(0.5), h.Percentile(0.95), h.Percentile(0.99))
                    : new MetricPoint(p.Attributes, p.Value))
                .ToList();
            return new MetricSeries(Instrument.Meter.Name, Instrument.Name, Kind, Instrument.Unit, Instrument.Description, points);
        }
    }

    public void Clear()
    {
        lock (_points) _points.Clear();
    }

    private sealed class Point(IReadOnlyList<KeyValuePair<string, string>> attributes, LogHistogram? histogram)
    {
        public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; } = attributes;

        public LogHistogram? Histogram { get; } = histogram;

        public double Value { get; set; }
    }
}
