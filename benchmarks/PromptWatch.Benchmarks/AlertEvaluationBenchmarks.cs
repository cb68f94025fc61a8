using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Benchmarks;

/// <summary>
/// One evaluation tick of the alerting engine: 500 distinct metric rules (increase, rate, ratio, last value and p95,
/// 100 of each) over 1,000 series per instrument, their filters matching 10 to 100 series each, 50 of them grouped per
/// repository (about 41,000 groups); the original mix of that tick (filters that match all or none, rules repeated);
/// and a tick with 1,000 firing alerts whose notifications went to a fast channel, against the same with a channel
/// that takes 2 s per call and whose queue is full.
/// </summary>
[MemoryDiagnoser]
public class AlertEvaluationBenchmarks
{
    private const int Series = 1_000;
    private readonly List<MetricSeries> _counters = [];
    private readonly List<MetricSeries> _durations = [];
    private readonly List<MetricSeries> _originalCounters = [];
    private Setup _rules = null!;
    private Setup _original = null!;
    private int _tick;
    private Setup _fast = null!;
    private Setup _slow = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _rules = Create(RuleSet(), channel: new NullChannel(), capacity: 1024);
        AddSeries(_rules, _counters, _durations);
        _original = Create(OriginalRuleSet(), channel: new NullChannel(), capacity: 1024);
        AddSeries(_original, _originalCounters, durations: null);

        // A full window (5 minutes of 15 s ticks) before measuring.
        for (var i = 0; i < 25; i++)
        {
            Tick500Rules();
            Tick500RulesOriginalMix();
        }

        _fast = CreateFiring(new NullChannel());
        _slow = CreateFiring(new SlowChannel(TimeSpan.FromSeconds(2)));
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _rules.Dispose();
        _original.Dispose();
        _fast.Dispose();
        _slow.Dispose();
    }

    /// <summary>
    /// 500 rules over 1,000 series: counters move by one each tick, a tenth of the repositories (in turn) record a
    /// refresh duration, nothing fires.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int Tick500Rules()
    {
        foreach (var counter in _counters) counter.Add(1);
        for (var i = _tick++ % 10; i < _durations.Count; i += 10) _durations[i].Record(0.2 + (i % 13));
        return _rules.Tick();
    }

    /// <summary>The original mix (its rate filters match nothing, the others all series; rules repeated): counters move, nothing fires.</summary>
    [Benchmark]
    public int Tick500RulesOriginalMix()
    {
        foreach (var counter in _originalCounters) counter.Add(1);
        return _original.Tick();
    }

    /// <summary>1,000 firing alerts, their notifications delivered by a channel that answers at once.</summary>
    [Benchmark]
    public int Tick1000FiringFastChannel() => _fast.Tick();

    /// <summary>1,000 firing alerts, their notifications queued for a channel that takes 2 s per call (its queue full).</summary>
    [Benchmark]
    public int Tick1000FiringSlowChannelQueueFull() => _slow.Tick();

    private static Setup CreateFiring(IAlertChannel channel)
    {
        var rule = new AlertRule
        {
            Name = "per_repository",
            Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", GroupBy = ["promptwatch.repository"], Threshold = 0, Comparison = AlertComparison.Ge },
        };
        var setup = Create([rule], channel, capacity: 1000);
        for (var i = 0; i < Series; i++) setup.Series("promptwatch.workspaces.alive", ("promptwatch.repository", $"repo-{i:D4}")).Add(1);
        setup.Tick();
        return setup;
    }

    private static void AddSeries(Setup setup, List<MetricSeries> counters, List<MetricSeries>? durations)
    {
        for (var i = 0; i < Series; i++)
        {
            var repository = $"repo-{i:D4}";
            counters.Add(setup.Series("promptwatch.refreshes", ("promptwatch.repository", repository), ("promptwatch.outcome", i % 10 == 0 ? "failure" : "success")));
            var duration = setup.Series("promptwatch.refresh.duration", ("promptwatch.repository", repository));
            duration.Record(0.5 + (i % 7));
            durations?.Add(duration);
            setup.Series("promptwatch.workspaces.alive", ("promptwatch.repository", repository)).Add(i % 3);
        }
    }

    /// <summary>
    /// 500 distinct rules (thresholds differ, filters cycle through the ten hundreds of repositories): ungrouped ones
    /// read 10 (failures of one hundred repositories) or 100 series (one hundred repositories); the 50 grouped per
    /// repository read all repositories (increase: the 100 failing series), 1,000 groups each.
    /// </summary>
    private static List<AlertRule> RuleSet()
    {
        var rules = new List<AlertRule>();
        for (var i = 0; i < 500; i++)
        {
            var grouped = i % 50 < 5;
            var hundred = grouped ? ".*" : $"repo-0{i / 5 % 10}.*";
            var threshold = 1e9 + i;
            var metric = (i % 5) switch
            {
                0 => new MetricCondition { Instrument = "promptwatch.refreshes", Aggregation = MetricAggregation.Increase, Filter = Filter(("promptwatch.outcome", "failure"), ("promptwatch.repository", hundred)), Threshold = threshold },
                1 => new MetricCondition { Instrument = "promptwatch.refreshes", Aggregation = MetricAggregation.Rate, Filter = Filter(("promptwatch.repository", hundred)), Threshold = threshold },
                2 => new MetricCondition { Instrument = "promptwatch.refreshes", Aggregation = MetricAggregation.Ratio, Filter = Filter(("promptwatch.outcome", "failure"), ("promptwatch.repository", hundred)), Denominator = "promptwatch.refreshes", DenominatorFilter = Filter(("promptwatch.repository", hundred)), Threshold = 2 + i },
                3 => new MetricCondition { Instrument = "promptwatch.workspaces.alive", Aggregation = MetricAggregation.LastValue, Filter = Filter(("promptwatch.repository", hundred)), Threshold = threshold },
                _ => new MetricCondition { Instrument = "promptwatch.refresh.duration", Aggregation = MetricAggregation.P95, Filter = Filter(("promptwatch.repository", hundred)), Threshold = threshold },
            };
            if (grouped) metric = metric with { GroupBy = ["promptwatch.repository"] };
            rules.Add(new AlertRule { Name = $"rule-{i:D3}", Metric = metric });
        }

        return rules;
    }

    private static Dictionary<string, string> Filter(params (string Name, string Pattern)[] patterns) =>
        patterns.ToDictionary(static p => p.Name, static p => p.Pattern, StringComparer.Ordinal);

    private static List<AlertRule> OriginalRuleSet()
    {
        var rules = new List<AlertRule>();
        for (var i = 0; i < 500; i++)
        {
            var metric = (i % 5) switch
            {
                0 => new MetricCondition { Instrument = "promptwatch.refreshes", Aggregation = MetricAggregation.Increase, Filter = Filter("promptwatch.outcome", "failure"), Threshold = 1e9 },
                1 => new MetricCondition { Instrument = "promptwatch.refreshes", Aggregation = MetricAggregation.Rate, Filter = Filter("promptwatch.repository", $"repo-{i % 10}.*"), Threshold = 1e9 },
                2 => new MetricCondition { Instrument = "promptwatch.refreshes", Aggregation = MetricAggregation.Ratio, Filter = Filter("promptwatch.outcome", "failure"), Denominator = "promptwatch.refreshes", Threshold = 2 },
                3 => new MetricCondition { Instrument = "promptwatch.workspaces.alive", Aggregation = MetricAggregation.LastValue, Threshold = 1e9 },
                _ => new MetricCondition { Instrument = "promptwatch.refresh.duration", Aggregation = MetricAggregation.P95, Threshold = 1e9 },
            };
            if (i % 50 < 5) metric = metric with { GroupBy = ["promptwatch.repository"] };
            rules.Add(new AlertRule { Name = $"rule-{i:D3}", Metric = metric });
        }

        return rules;
    }

    private static Dictionary<string, string> Filter(string name, string pattern) => Filter((name, pattern));

    private static Setup Create(List<AlertRule> rules, IAlertChannel channel, int capacity)
    {
        var options = new AlertingOptions { DefaultRules = false, ChannelQueueCapacity = capacity, Cooldown = TimeSpan.Zero, MaxNotificationsPerHour = 10_000 };
        foreach (var rule in rules) options.Rules.Add(rule);
        var time = new SteppingTimeProvider();
        var source = new AlertMetricSource(listen: false);
        var metrics = new AlertingMetrics();
        var engine = new AlertEngine(Options.Create(options), new InMemoryAlertStore(time), [channel], source, metrics, time);
        engine.StartWorkers();
        return new Setup(engine, source, metrics, time);
    }

    private sealed class Setup(AlertEngine engine, AlertMetricSource source, AlertingMetrics metrics, SteppingTimeProvider time) : IDisposable
    {
        public MetricSeries Series(string instrument, params (string Key, string Value)[] attributes) =>
            source.GetOrAdd(instrument, KnownInstruments.KindOf(instrument)!.Value).Find([.. attributes.Select(static a => new KeyValuePair<string, object?>(a.Key, a.Value))])!;

        public int Tick()
        {
            time.Step(TimeSpan.FromSeconds(15));
            return engine.EvaluateAsync().AsTask().GetAwaiter().GetResult().RulesEvaluated;
        }

        public void Dispose()
        {
            engine.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            engine.Dispose();
            metrics.Dispose();
            source.Dispose();
        }
    }

    private sealed class SteppingTimeProvider : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Step(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    private sealed class NullChannel : IAlertChannel
    {
        public string Name => "fast";

        public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SlowChannel(TimeSpan delay) : IAlertChannel
    {
        public string Name => "slow";

        public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
    }
}
