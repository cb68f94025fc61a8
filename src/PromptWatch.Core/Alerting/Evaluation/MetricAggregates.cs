using System.Text;

namespace PromptWatch.Alerting.Evaluation;

/// <summary>
/// Hands the metric rules new in a tick their <see cref="MetricAggregate"/>: one per definition (instrument,
/// aggregation, filters, grouping, window and group cap) among the rules new in that tick. A rule that is new later has
/// an empty window where an older rule's is full, so it gets its own; an aggregate lives as long as a rule holds it.
/// </summary>
internal sealed class MetricAggregates
{
    private readonly Dictionary<string, MetricAggregate> _new = new(StringComparer.Ordinal);

    /// <summary>The current tick's number (from 1).</summary>
    public long Tick { get; private set; }

    /// <summary>Starts a tick: aggregates made in the previous one are no longer handed out.</summary>
    public void BeginTick()
    {
        Tick++;
        _new.Clear();
    }

    /// <summary>The aggregate of <paramref name="rule"/>, which is evaluated for the first time in this tick.</summary>
    public MetricAggregate For(MetricRuleState rule)
    {
        var key = Definition(rule.Rule.Metric!, rule.MaxGroups);
        if (!_new.TryGetValue(key, out var aggregate)) _new.Add(key, aggregate = new MetricAggregate(rule.Rule.Metric!, rule.Filter, rule.DenominatorFilter, rule.MaxGroups));
        return aggregate;
    }

    /// <summary>What an aggregate depends on, each part length-prefixed so that no two definitions read alike.</summary>
    private static string Definition(MetricCondition metric, int maxGroups)
    {
        var text = new StringBuilder();
        Part(text, metric.Instrument);
        Part(text, metric.Aggregation.ToString());
        Part(text, metric.Window.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Part(text, maxGroups.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Filter(text, metric.Filter);
        Part(text, metric.GroupBy.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var name in metric.GroupBy) Part(text, name);
        if (metric.Aggregation == MetricAggregation.Ratio)
        {
            Part(text, metric.Denominator ?? string.Empty);
            Filter(text, metric.DenominatorFilter);
        }

        return text.ToString();
    }

    private static void Filter(StringBuilder text, IReadOnlyDictionary<string, string> filter)
    {
        Part(text, filter.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, pattern) in filter.OrderBy(static f => f.Key, StringComparer.Ordinal))
        {
            Part(text, name);
            Part(text, pattern);
        }
    }

    private static void Part(StringBuilder text, string part) => text.Append(part.Length).Append(':').Append(part);
}
