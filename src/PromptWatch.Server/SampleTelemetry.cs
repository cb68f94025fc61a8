using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromptWatch.Notifications;

namespace PromptWatch.Server;

/// <summary>
/// OpenTelemetry metrics and traces: PromptWatch, ASP.NET Core, HttpClient and the .NET runtime. The metrics are
/// served for Prometheus at <c>/metrics</c> (and the same at <c>/metrics/prometheus</c>); with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics and traces are also exported over OTLP (the other standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables apply).
/// </summary>
internal static class SampleTelemetry
{
    /// <summary>The Prometheus scrape paths.</summary>
    public static readonly string[] ScrapePaths = ["/metrics", "/metrics/prometheus"];

    public static void AddServices(WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddPromptWatchInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddPromptWatchInstrumentation()
                .AddAspNetCoreInstrumentation()
                // An alert channel's address is its secret (a Slack or Discord webhook's path is its token): its calls
                // are left out of the traces, whose url.full would hold it.
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = request => !AlertChannelRequests.IsAlertChannelRequest(request)));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
    }

    public static void Map(WebApplication app)
    {
        foreach (var path in ScrapePaths) app.MapPrometheusScrapingEndpoint(path);
    }
}
