namespace PromptWatch.Alerting.Evaluation;

/// <summary>The series of one metric rule that share their group-by values: one alert's worth.</summary>
internal sealed class MetricGroup(string key, IReadOnlyDictionary<string, string> labels, SampleWindow samples)
{
    /// <summary>The alert's group key (<see cref="AlertGroupKey"/>).</summary>
    public string Key { get; } = key;

    /// <summary>The alert's labels: the rule's, the group-by attributes' values and <c>alertname</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public List<MetricSeries> Numerator { get; } = [];

    public List<MetricSeries> Denominator { get; } = [];

    public SampleWindow Samples { get; } = samples;
}

/// <summary>One group of a metric rule whose value breached the threshold.</summary>
/// <param name="Group">The group.</param>
/// <param name="Value">The value.</param>
internal readonly record struct MetricBreach(MetricGroup Group, double Value);
