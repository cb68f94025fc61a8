using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// A metric rule with what it keeps between evaluations: its compiled filters, the series it matched (each new
/// series is matched once), and per group the samples of its window. Memory is bounded by the rule's group cap and
/// each window's sample capacity.
/// </summary>
internal sealed class MetricRuleState
{
    /// <summary>Samples kept per group for counters and gauges.</summary>
    public const int ScalarSamples = 256;

    /// <summary>Samples kept per group for histograms (each holds every bucket).</summary>
    public const int HistogramSamples = 48;

    private readonly MetricCondition _metric;
    private readonly LabelFilter _filter;
    private readonly LabelFilter _denominatorFilter;
    private readonly int _maxGroups;
    private readonly Dictionary<string, MetricGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<MetricGroup> _groupList = [];
    private readonly BucketDelta _tick = new();
    private readonly BucketDelta _window = new();
    private readonly bool _histogram;
    private MetricInstrument? _numerator;
    private MetricInstrument? _denominator;
    private int _numeratorSeen;
    private int _denominatorSeen;
    private long _lastTime = long.MinValue;
    private string? _fingerprint;

    public MetricRuleState(AlertRule rule, int maxGroups)
    {
        Rule = rule;
        _metric = rule.Metric ?? throw new ArgumentException("The rule has no metric condition.", nameof(rule));
        _filter = new LabelFilter(_metric.Filter);
        _denominatorFilter = new LabelFilter(_metric.DenominatorFilter);
        _maxGroups = maxGroups;
        _histogram = _metric.Aggregation == MetricAggregation.P95;
    }

    public AlertRule Rule { get; }

    /// <summary>What the rule says, serialised once, for telling a changed rule from a new instance of the same one.</summary>
    public string Fingerprint => _fingerprint ??= RuleFingerprint.Of(Rule);

    public int GroupCount => _groupList.Count;

    /// <summary>Evaluates the rule on the series' sampled values, adding the groups that breach to <paramref name="breaches"/>.</summary>
    public void Evaluate(AlertMetricSource source, DateTimeOffset now, List<MetricBreach> breaches)
    {
        var time = now.UtcTicks;
        _numerator ??= source.Find(_metric.Instrument);
        if (_metric.Aggregation == MetricAggregation.Ratio) _denominator ??= source.Find(_metric.Denominator!);
        Attach(_numerator, ref _numeratorSeen, _filter, denominator: false);
        Attach(_denominator, ref _denominatorSeen, _denominatorFilter, denominator: true);
        foreach (var group in _groupList)
        {
            if (Measure(group, time) is { } value && Breaches(value)) breaches.Add(new MetricBreach(group, value));
        }

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

    private MetricGroup? GroupOf(IReadOnlyDictionary<string, string> attributes)
    {
        var groupBy = _metric.GroupBy;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in groupBy) values[name] = attributes.GetValueOrDefault(name, string.Empty);
        var labels = AlertLabels.Of(Rule, values);
        var key = AlertGroupKey.Of(Rule.Name, labels);
        if (_groups.TryGetValue(key, out var group)) return group;
        if (_groups.Count >= _maxGroups) return null;
        group = new MetricGroup(key, labels, new SampleWindow(_metric.Window, _histogram ? HistogramSamples : ScalarSamples, _histogram));

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

    private double? Measure(MetricGroup group, long time)
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

    private bool Breaches(double value) => _metric.Comparison switch
    {
        AlertComparison.Gt => value > _metric.Threshold,
        AlertComparison.Ge => value >= _metric.Threshold,
        AlertComparison.Lt => value < _metric.Threshold,
        AlertComparison.Le => value <= _metric.Threshold,
        AlertComparison.Eq => value == _metric.Threshold,
        AlertComparison.Ne => value != _metric.Threshold,
        _ => false,
    };
}
