namespace PromptWatch.Diagnostics.Snapshots;

/// <summary>
/// The current value of one instrument for one attribute set: a sum (counters), the last value (gauges, observable
/// instruments) or, for histograms, count, sum and percentiles within 5 %.
/// </summary>
internal sealed record MetricPoint(
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    double? Value,
    long? Count = null,
    double? Sum = null,
    double? P50 = null,
    double? P95 = null,
    double? P99 = null);

/// <summary>One instrument with its points.</summary>
internal sealed record MetricSeries(string Meter, string Name, string Kind, string? Unit, string? Description, IReadOnlyList<MetricPoint> Points);

/// <summary>An instrument the collector saw published, and whether it collects it.</summary>
internal sealed record KnownInstrument(string Meter, string? MeterVersion, string Name, string Kind, string? Unit, string? Description, bool Collected);
