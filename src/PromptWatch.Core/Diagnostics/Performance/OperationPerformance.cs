namespace PromptWatch.Diagnostics.Performance;

/// <summary>How one operation performed over a window of the last hours.</summary>
/// <param name="Operation">The operation key: <c>scan</c>, <c>fetch</c>, <c>health_check:&lt;name&gt;</c>...</param>
/// <param name="Hours">The window, in hours.</param>
/// <param name="Count">Operations that ended in the window.</param>
/// <param name="SuccessRate">The share of them that did not end in error, from 0 to 1.</param>
/// <param name="MeanMilliseconds">Their mean duration.</param>
/// <param name="P50Milliseconds">The median duration, within 5 %.</param>
/// <param name="P95Milliseconds">The 95th percentile duration, within 5 %.</param>
/// <param name="P99Milliseconds">The 99th percentile duration, within 5 %.</param>
/// <param name="BaselineP95Milliseconds">The expected p95: configured, or learned from the first 24 hours; null while still learning.</param>
/// <param name="BaselineSource"><c>configured</c>, <c>learned</c>, or null while still learning.</param>
/// <param name="LastHourP95Milliseconds">The p95 of the last hour, which the baseline is compared with.</param>
/// <param name="SlowerThanBaseline">Whether the last hour's p95 is above the baseline times <see cref="PerformanceOptions.SlowerFactor"/>.</param>
public sealed record OperationPerformance(
    string Operation,
    int Hours,
    long Count,
    double SuccessRate,
    double MeanMilliseconds,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    double? BaselineP95Milliseconds,
    string? BaselineSource,
    double LastHourP95Milliseconds,
    bool SlowerThanBaseline);
