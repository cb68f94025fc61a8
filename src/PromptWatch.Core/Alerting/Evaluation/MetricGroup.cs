namespace PromptWatch.Alerting.Evaluation;

/// <summary>One group of a metric rule as its alerts name it: one alert's worth.</summary>
/// <param name="Key">The alert's group key (<see cref="AlertGroupKey"/>).</param>
/// <param name="Labels">The alert's labels: the rule's, the group-by attributes' values and <c>alertname</c>.</param>
internal sealed record MetricGroup(string Key, IReadOnlyDictionary<string, string> Labels);

/// <summary>One group of a metric rule whose value breached the threshold.</summary>
/// <param name="Group">The group.</param>
/// <param name="Value">The value.</param>
internal readonly record struct MetricBreach(MetricGroup Group, double Value);
