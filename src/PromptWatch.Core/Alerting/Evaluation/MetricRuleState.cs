using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// A metric rule with what it keeps between evaluations: its compiled filters, its <see cref="MetricAggregate"/>
/// (the groups, their windows and values; shared with the rules that compute the same, see
/// <see cref="MetricAggregates"/>), and the key and labels of each group's alert.
/// </summary>
internal sealed class MetricRuleState
{
    private readonly MetricCondition _metric;
    private readonly List<MetricGroup> _groups = [];
    private MetricAggregate? _aggregate;
    private string? _fingerprint;

    public MetricRuleState(AlertRule rule, int maxGroups)
    {
        Rule = rule;
        _metric = rule.Metric ?? throw new ArgumentException("The rule has no metric condition.", nameof(rule));
        Filter = new LabelFilter(_metric.Filter);
        DenominatorFilter = new LabelFilter(_metric.DenominatorFilter);
        MaxGroups = maxGroups;
    }

    public AlertRule Rule { get; }

    /// <summary>What the rule says, serialised once, for telling a changed rule from a new instance of the same one.</summary>
    public string Fingerprint => _fingerprint ??= RuleFingerprint.Of(Rule);

    public LabelFilter Filter { get; }

    public LabelFilter DenominatorFilter { get; }

    public int MaxGroups { get; }

    /// <summary>The aggregate the rule reads, from its first evaluation on.</summary>
    public MetricAggregate? Aggregate => _aggregate;

    /// <summary>Evaluates the rule on the series' sampled values, adding the groups that breach to <paramref name="breaches"/>.</summary>
    public void Evaluate(AlertMetricSource source, MetricAggregates aggregates, DateTimeOffset now, List<MetricBreach> breaches)
    {
        var aggregate = _aggregate ??= aggregates.For(this);
        aggregate.Evaluate(source, now.UtcTicks, aggregates.Tick);
        for (var i = _groups.Count; i < aggregate.Count; i++)
        {
            var labels = AlertLabels.Of(Rule, aggregate[i].Values);
            _groups.Add(new MetricGroup(AlertGroupKey.Of(Rule.Name, labels), labels));
        }

        for (var i = 0; i < _groups.Count; i++)
        {
            if (aggregate[i].Value is { } value && Breaches(value)) breaches.Add(new MetricBreach(_groups[i], value));
        }
    }

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
