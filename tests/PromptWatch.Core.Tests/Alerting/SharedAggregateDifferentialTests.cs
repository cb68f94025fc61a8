using System.Globalization;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// Rules that share their aggregates give the answers each rule gave computing its own: random rules (many alike but
/// for their thresholds, some added and removed on the way) over random counters, gauges and histograms, every group's
/// value compared with a per-rule computation kept here as it was before aggregates were shared.
/// </summary>
public sealed class SharedAggregateDifferentialTests
{
    private static readonly string[] Repositories = ["r0", "r1", "r2", "r3", "r4", "r5", "r6"];

    private static readonly (string Instrument, MetricAggregation Aggregation)[] Kinds =
    [
        ("promptwatch.refreshes", MetricAggregation.Increase),
        ("promptwatch.refreshes", MetricAggregation.Rate),
        ("promptwatch.refreshes", MetricAggregation.Ratio),
        ("promptwatch.refreshes", MetricAggregation.LastValue),
        ("promptwatch.workspaces.alive", MetricAggregation.LastValue),
        ("promptwatch.refresh.duration", MetricAggregation.P95),
    ];

    private static readonly Dictionary<string, string>[] Filters =
    [
        [],
        new() { ["promptwatch.outcome"] = "failure" },
        new() { ["promptwatch.repository"] = "r[0-3]" },
        new() { ["promptwatch.repository"] = "r[2-6]", ["promptwatch.outcome"] = "success|" },
    ];

    private static readonly string[][] Groupings = [[], ["promptwatch.repository"], ["promptwatch.repository", "promptwatch.outcome"], ["promptwatch.outcome"], [AlertLabels.AlertName]];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Shared_aggregates_give_every_rule_the_values_of_its_own_computation(int seed)
    {
        var random = new Random(seed);
        using var source = new AlertMetricSource(listen: false);
        var aggregates = new MetricAggregates();
        var rules = new List<(MetricRuleState Shared, ReferenceRule Reference)>();
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var compared = 0;
        var shared = 0;
        for (var tick = 0; tick < 120; tick++)
        {
            if (tick == 0 || random.Next(4) == 0)
            {
                for (var n = random.Next(1, tick == 0 ? 12 : 3); n > 0; n--) rules.AddRange(NewRules(random, rules.Count + tick * 100));
            }

            if (rules.Count > 0 && random.Next(6) == 0) rules.RemoveAt(random.Next(rules.Count));
            Move(random, source);
            source.Sample();
            aggregates.BeginTick();
            foreach (var (state, reference) in rules)
            {
                List<MetricBreach> actual = [];
                List<MetricBreach> expected = [];
                state.Evaluate(source, aggregates, time, actual);
                reference.Evaluate(source, time, expected);
                Assert.Equal(Describe(expected), Describe(actual));
                compared += expected.Count;
            }

            shared += rules.Count - rules.Select(static r => r.Shared.Aggregate).Distinct().Count();
            time += TimeSpan.FromSeconds(random.Next(8) == 0 ? 0 : random.Next(1, 40));
        }

        Assert.True(compared > 1000, $"only {compared} values compared");
        Assert.True(shared > 100, $"only {shared} rule evaluations shared an aggregate");
    }

    [Fact]
    public void Rules_alike_but_for_their_thresholds_share_one_aggregate_and_a_later_one_gets_its_own()
    {
        using var source = new AlertMetricSource(listen: false);
        var aggregates = new MetricAggregates();
        var metric = new MetricCondition { Instrument = "promptwatch.scans", Aggregation = MetricAggregation.Increase, Threshold = 1 };
        var warning = new MetricRuleState(new AlertRule { Name = "warning", Metric = metric }, 100);
        var critical = new MetricRuleState(new AlertRule { Name = "critical", Metric = metric with { Threshold = 5, Comparison = AlertComparison.Ge } }, 100);
        var other = new MetricRuleState(new AlertRule { Name = "other", Metric = metric with { Window = TimeSpan.FromMinutes(1) } }, 100);
        var now = DateTimeOffset.UnixEpoch;
        aggregates.BeginTick();
        foreach (var rule in new[] { warning, critical, other }) rule.Evaluate(source, aggregates, now, []);
        Assert.Same(warning.Aggregate, critical.Aggregate);
        Assert.NotSame(warning.Aggregate, other.Aggregate);

        var later = new MetricRuleState(new AlertRule { Name = "later", Metric = metric }, 100);
        aggregates.BeginTick();
        foreach (var rule in new[] { warning, critical, later }) rule.Evaluate(source, aggregates, now.AddSeconds(15), []);
        Assert.NotSame(warning.Aggregate, later.Aggregate);
    }

    // One to four rules alike but for their names, labels and thresholds.
    private static IEnumerable<(MetricRuleState, ReferenceRule)> NewRules(Random random, int number)
    {
        var (instrument, aggregation) = Kinds[random.Next(Kinds.Length)];
        var metric = new MetricCondition
        {
            Instrument = instrument,
            Aggregation = aggregation,
            Filter = Filters[random.Next(Filters.Length)],
            GroupBy = Groupings[random.Next(Groupings.Length)],
            Window = TimeSpan.FromSeconds(random.Next(2) == 0 ? 45 : 300),
            Denominator = aggregation == MetricAggregation.Ratio ? "promptwatch.refreshes" : null,
            DenominatorFilter = aggregation == MetricAggregation.Ratio ? Filters[random.Next(Filters.Length)] : new Dictionary<string, string>(),
            Threshold = double.NaN,
        };
        var maxGroups = random.Next(3) == 0 ? 3 : 100;
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var rule = new AlertRule
            {
                Name = $"rule-{number}-{n}",

                // Most rules breach on every value they have, so that every value is compared, not only the breaches.
                Metric = random.Next(4) == 0 ? metric with { Comparison = (AlertComparison)random.Next(6), Threshold = random.Next(0, 20) / 4.0 } : metric with { Comparison = AlertComparison.Ne },
                Labels = random.Next(3) == 0 ? new Dictionary<string, string> { ["team"] = "core", ["promptwatch.repository"] = "label" } : new Dictionary<string, string>(),
            };
            yield return (new MetricRuleState(rule, maxGroups), new ReferenceRule(rule, maxGroups));
        }
    }

    private static void Move(Random random, AlertMetricSource source)
    {
        var counters = source.GetOrAdd("promptwatch.refreshes", InstrumentKind.Counter);
        var gauges = source.GetOrAdd("promptwatch.workspaces.alive", InstrumentKind.Gauge);
        var histograms = source.GetOrAdd("promptwatch.refresh.duration", InstrumentKind.Histogram);
        for (var n = random.Next(12); n > 0; n--)
        {
            var tags = Tags(random);
            var counter = counters.Find(tags)!;

            // Now and then a counter goes back (its process restarted it).
            counter.Add(random.Next(10) == 0 ? -counter.Sampled : random.Next(0, 5));
            gauges.Find(tags)!.Set(random.Next(-3, 10));
            var histogram = histograms.Find(tags)!;
            for (var m = random.Next(4); m > 0; m--) histogram.Record(Math.Pow(10, random.NextDouble() * 4 - 2));
        }
    }

    private static KeyValuePair<string, object?>[] Tags(Random random)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        if (random.Next(8) != 0) tags.Add(new("promptwatch.repository", Repositories[random.Next(Repositories.Length)]));
        if (random.Next(8) != 0) tags.Add(new("promptwatch.outcome", random.Next(3) == 0 ? "failure" : "success"));
        return [.. tags];
    }

    private static List<string> Describe(List<MetricBreach> breaches) =>
        [.. breaches.Select(static b => string.Create(CultureInfo.InvariantCulture, $"{b.Group.Key} {string.Join(",", b.Group.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal))} {b.Value:R}"))];

    /// <summary>One rule computing its own groups and windows, as the engine did before rules shared aggregates.</summary>
    private sealed class ReferenceRule(AlertRule rule, int maxGroups)
    {
        private readonly MetricCondition _metric = rule.Metric!;
        private readonly LabelFilter _filter = new(rule.Metric!.Filter);
        private readonly LabelFilter _denominatorFilter = new(rule.Metric!.DenominatorFilter);
        private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
        private readonly List<Group> _groupList = [];
        private readonly BucketDelta _tick = new();
        private readonly BucketDelta _window = new();
        private readonly bool _histogram = rule.Metric!.Aggregation == MetricAggregation.P95;
        private MetricInstrument? _numerator;
        private MetricInstrument? _denominator;
        private int _numeratorSeen;
        private int _denominatorSeen;
        private long _lastTime = long.MinValue;

        public void Evaluate(AlertMetricSource source, DateTimeOffset now, List<MetricBreach> breaches)
        {
            var time = now.UtcTicks;
            _numerator ??= source.Find(_metric.Instrument);
            if (_metric.Aggregation == MetricAggregation.Ratio) _denominator ??= source.Find(_metric.Denominator!);
            Attach(_numerator, ref _numeratorSeen, _filter, denominator: false);
            Attach(_denominator, ref _denominatorSeen, _denominatorFilter, denominator: true);
            foreach (var group in _groupList)
            {
                if (Measure(group, time) is { } value && Breaches(value)) breaches.Add(new MetricBreach(new MetricGroup(group.Key, group.Labels), value));
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

        private Group? GroupOf(IReadOnlyDictionary<string, string> attributes)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in _metric.GroupBy) values[name] = attributes.GetValueOrDefault(name, string.Empty);
            var labels = AlertLabels.Of(rule, values);
            var key = AlertGroupKey.Of(rule.Name, labels);
            if (_groups.TryGetValue(key, out var group)) return group;
            if (_groups.Count >= maxGroups) return null;
            group = new Group(key, labels, new SampleWindow(_metric.Window, _histogram ? MetricAggregate.HistogramSamples : MetricAggregate.ScalarSamples, _histogram));
            if (_lastTime != long.MinValue)
            {
                _tick.Clear();
                group.Samples.Add(_lastTime, 0, 0, _tick);
            }

            _groups.Add(key, group);
            _groupList.Add(group);
            return group;
        }

        private double? Measure(Group group, long time)
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

        private sealed class Group(string key, IReadOnlyDictionary<string, string> labels, SampleWindow samples)
        {
            public string Key { get; } = key;

            public IReadOnlyDictionary<string, string> Labels { get; } = labels;

            public List<MetricSeries> Numerator { get; } = [];

            public List<MetricSeries> Denominator { get; } = [];

            public SampleWindow Samples { get; } = samples;
        }
    }
}
