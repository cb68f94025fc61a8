using PromptWatch.Diagnostics;

namespace OpenTelemetry.Trace;

/// <summary>Adds PromptWatch's spans to an OpenTelemetry tracer provider.</summary>
public static class PromptWatchTracerProviderBuilderExtensions
{
    /// <summary>
    /// Listens to the <c>PromptWatch</c> activity source: <c>promptwatch.fetch</c>, <c>promptwatch.scan</c>,
    /// <c>promptwatch.refresh</c>, <c>promptwatch.results.list</c>, <c>promptwatch.webhook.process</c>,
    /// <c>promptwatch.counters.&lt;operation&gt;</c> and <c>promptwatch.health_check</c>.
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TracerProviderBuilder AddPromptWatchInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(PromptWatchTelemetry.ActivitySourceName);
    }
}
