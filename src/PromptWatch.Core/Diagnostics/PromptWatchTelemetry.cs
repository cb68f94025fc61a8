using System.Diagnostics;

namespace PromptWatch.Diagnostics;

/// <summary>
/// Names under which PromptWatch emits telemetry. Hosts choose exporters, for example
/// <c>AddMeter(PromptWatchTelemetry.MeterName)</c> and <c>AddSource(PromptWatchTelemetry.ActivitySourceName)</c> in OpenTelemetry.
/// </summary>
public static class PromptWatchTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>PromptWatch</c>.</summary>
    public const string MeterName = "PromptWatch";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>PromptWatch</c>.</summary>
    public const string ActivitySourceName = "PromptWatch";

    /// <summary>The activity source for scans, fetches and result look-ups.</summary>
    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName);
}
