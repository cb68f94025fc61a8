using System.Diagnostics;

namespace PromptWatch.Diagnostics;

/// <summary>
/// Names under which PromptWatch emits telemetry. Hosts choose exporters, for example
/// <c>AddMeter(PromptWatchTelemetry.MeterName)</c> and <c>AddSource(PromptWatchTelemetry.ActivitySourceName)</c> in OpenTelemetry
/// (what <c>AddPromptWatchInstrumentation()</c> of the PromptWatch.OpenTelemetry package does).
/// </summary>
public static class PromptWatchTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>PromptWatch</c>.</summary>
    public const string MeterName = "PromptWatch";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>PromptWatch</c>.</summary>
    public const string ActivitySourceName = "PromptWatch";

    /// <summary>
    /// The activity source of every PromptWatch span (scan, fetch, refresh, results listing, webhook processing,
    /// counter-store calls, health checks); the packages built with Core share it.
    /// </summary>
    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName);
}
