namespace PromptWatch.Alerting;

/// <summary>How a metric rule turns the measurements of its window into one value.</summary>
public enum MetricAggregation
{
    /// <summary>The latest value (a gauge, an observable instrument, a counter's total).</summary>
    LastValue,

    /// <summary>A counter's increase over the window per second.</summary>
    Rate,

    /// <summary>A counter's increase over the window.</summary>
    Increase,

    /// <summary>The increase of the rule's instrument over the increase of its denominator in the window (failures over total).</summary>
    Ratio,

    /// <summary>The 95th percentile of a histogram's measurements in the window.</summary>
    P95,
}
