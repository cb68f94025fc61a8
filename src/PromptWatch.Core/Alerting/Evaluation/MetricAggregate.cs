using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// What a metric rule computes before its threshold: the groups of the series its filters match (each new series is
/// matched once), per group the samples of its window, and each group's value at the latest evaluation. Rules that
/// say the same of their series and were first evaluated in the same tick share one (<see cref="MetricAggregates"/>):
/// their windows would hold the same samples, so a tick computes them once, however many thresholds read them.
/// Memory is bounded by the group cap and each window's sample capacity.
/// </summary>
internal sealed class MetricAggregate
{
    /// <summary>Samples kept per group for counters and gauges.</summary>
    public const int ScalarSamples = 256;

    /// <summary>Samples kept per group for histograms (each holds every bucket).</summary>
    public const int HistogramSamples = 48;

    private readonly MetricCondition _metric;
    private readonly LabelFilter _filter;
    private readonly LabelFilter _denominatorFilter;
    private readonly int _maxGroups;
    private readonly Dictionary<string, AggregateGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<AggregateGroup> _groupList = [];
    private readonly BucketDelta _tick = new();
    private readonly BucketDelta _window = new();
    private readonly bool _histogram;
    private MetricInstrument? _numerator;
    private MetricInstrument? _denominator;
    private int _numeratorSeen;
    private int _denominatorSeen;
    private long _lastTime = long.MinValue;
    private long _evaluated = -1;

    public MetricAggregate(MetricCondition metric, LabelFilter filter, LabelFilter denominatorFilter, int maxGroups)
    {
        _metric = metric;
        _filter = filter;
        _denominatorFilter = denominatorFilter;
        _maxGroups = maxGroups;
        _histogram = metric.Aggregation == MetricAggregation.P95;
    }

    /// <summary>How many groups there are; groups are only added, at the end.</summary>
    public int Count => _groupList.Count;

    public AggregateGroup this[int index] => _groupList[index];

    /// <summary>
    /// Measures every group on the series' sampled values, once per <paramref name="tick"/> (the rules sharing this
    /// aggregate each ask in the same tick).
    /// </summary>
    public void Evaluate(AlertMetricSource source, long time, long tick)
    {
        if (tick == _evaluated) return;
        _evaluated = tick;
        _numerator ??= source.Find(_metric.Instrument);
        if (_metric.Aggregation == MetricAggregation.Ratio) _denominator ??= source.Find(_metric.Denominator!);
        Attach(_numerator, ref _numeratorSeen, _filter, denominator: false);
        Attach(_denominator, ref _denominatorSeen, _denominatorFilter, denominator: true);
        foreach (var group in _groupList) group.Value = Measure(group, time);
        _lastTime = time;
    }

    private void Attach(MetricInstrument? instrument, ref int seen, LabelFilter filter, bool denominator)
    {
        if (instrument is null) return;
        var series = instrument.Series;
        for (; seen < series.Count; seen++)
        {
            var one = series[seen];
            if (!filter.Matches(one.Attributes) || GroupOf(one.Attributes) is not { } group) continue;
            (denominator ? group.Denominator : group.Numerator).Add(one);
        }
    }

    private AggregateGroup? GroupOf(IReadOnlyDictionary<string, string> attributes)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in _metric.GroupBy)
        {
            // The rule's name replaces an alertname attribute in the alert's labels: it never tells groups apart.
            values[name] = name == AlertLabels.AlertName ? string.Empty : attributes.GetValueOrDefault(name, string.Empty);
        }

        var key = AlertGroupKey.Of(string.Empty, values);
        if (_groups.TryGetValue(key, out var group)) return group;
        if (_groups.Count >= _maxGroups) return null;
        group = new AggregateGroup(values, new SampleWindow(_metric.Window, _histogram ? HistogramSamples : ScalarSamples, _histogram));

        // A group that appears after the first evaluation had nothing before: its counters start from zero.
        if (_lastTime != long.MinValue)
        {
            _tick.Clear();
            group.Samples.Add(_lastTime, 0, 0, _tick);
        }

        _groups.Add(key, group);
        _groupList.Add(group);
        return group;
    }

    private double? Measure(AggregateGroup group, long time)
    {
        double numerator = 0, denominator = 0, max = 0;
        if (_histogram) _tick.Clear();
        foreach (var series in group.Numerator)
        {
            numerator += series.Sampled;
            if (!_histogram) continue;
            _tick.AddSeries(series);
            max = Math.Max(max, series.SampledMax);
        }

        if (_metric.Aggregation == MetricAggregation.LastValue) return numerator;
        foreach (var series in group.Denominator) denominator += series.Sampled;
        var samples = group.Samples;
        var since = time - _metric.Window.Ticks;
        samples.Prune(since);
        if (_histogram)
        {
            samples.Add(time, numerator, 0, _tick);
            _window.Clear();
            samples.AccumulateAfter(since, _window);
            return _window.Percentile(0.95, max);
        }

        var baseline = samples.Count == 0 ? -1 : SampleWindow.BaselineIndex;
        double? value = _metric.Aggregation switch
        {
            MetricAggregation.Increase => baseline < 0 ? 0 : Increase(numerator, samples.Numerator(baseline)),
            MetricAggregation.Rate => baseline < 0 || time <= samples.Time(baseline) ? 0 : Increase(numerator, samples.Numerator(baseline)) / TimeSpan.FromTicks(time - samples.Time(baseline)).TotalSeconds,
            MetricAggregation.Ratio => baseline < 0 ? null : Ratio(Increase(numerator, samples.Numerator(baseline)), Increase(denominator, samples.Denominator(baseline))),
            _ => null,
        };
        samples.Add(time, numerator, denominator, _tick);
        return value;
    }

    // A total below its baseline was reset (the process restarted its instrument): all of it is new.
    private static double Increase(double now, double before) => now >= before ? now - before : now;

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}
