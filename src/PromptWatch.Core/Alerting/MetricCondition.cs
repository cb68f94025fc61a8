namespace PromptWatch.Alerting;

/// <summary>
/// The condition of a metric rule: one instrument of PromptWatch's metrics (as README's instrument table names them),
/// the points whose attributes match <see cref="Filter"/>, aggregated over <see cref="Window"/>, compared with
/// <see cref="Threshold"/>. Each distinct set of <see cref="GroupBy"/> attribute values is its own alert. The same
/// condition can be written as a Prometheus alerting rule over the exported series.
/// </summary>
public sealed record MetricCondition
{
    /// <summary>The instrument, for example <c>promptwatch.repository.refresh.failures</c>.</summary>
    public required string Instrument { get; init; }

    /// <summary>Attribute name to a pattern its value must match (a regular expression matched in linear time, anchored).</summary>
    public IReadOnlyDictionary<string, string> Filter { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The attributes whose values make separate alerts; none: one alert for the whole rule.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>How the window's measurements become one value.</summary>
    public MetricAggregation Aggregation { get; init; } = MetricAggregation.LastValue;

    /// <summary>For <see cref="MetricAggregation.Ratio"/>: the instrument whose increase divides the rule's.</summary>
    public string? Denominator { get; init; }

    /// <summary>For <see cref="MetricAggregation.Ratio"/>: the denominator's attribute filter.</summary>
    public IReadOnlyDictionary<string, string> DenominatorFilter { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The window the aggregation looks back over.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How the value is compared with <see cref="Threshold"/>.</summary>
    public AlertComparison Comparison { get; init; } = AlertComparison.Gt;

    /// <summary>The threshold.</summary>
    public required double Threshold { get; init; }

    /// <summary>How many evaluations in a row must breach before the alert fires (1: the first breach fires).</summary>
    public int ConsecutiveBreaches { get; init; } = 1;

    /// <summary>Instead of a count, how long the condition must hold before the alert fires (Prometheus' <c>for:</c>).</summary>
    public TimeSpan? For { get; init; }
}
