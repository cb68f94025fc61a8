using PromptWatch.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>Adds PromptWatch's metrics to an OpenTelemetry meter provider.</summary>
public static class PromptWatchMeterProviderBuilderExtensions
{
    /// <summary>
    /// Listens to the <c>PromptWatch</c> meter: scans, refreshes, dependency calls, counter-store calls, webhook
    /// deliveries, alerts and workspaces.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static MeterProviderBuilder AddPromptWatchInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(PromptWatchTelemetry.MeterName);
    }
}
