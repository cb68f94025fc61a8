namespace PromptWatch.Alerting.Evaluation;

/// <summary>The series of a <see cref="MetricAggregate"/> that share their group-by values, with their window.</summary>
internal sealed class AggregateGroup(IReadOnlyDictionary<string, string> values, SampleWindow samples)
{
    /// <summary>The group-by attributes' values (a missing attribute is the empty string).</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public List<MetricSeries> Numerator { get; } = [];

    public List<MetricSeries> Denominator { get; } = [];

    public SampleWindow Samples { get; } = samples;

    /// <summary>The group's value at the latest evaluation, or <see langword="null"/> when it has none (a ratio over nothing).</summary>
    public double? Value { get; set; }
}
