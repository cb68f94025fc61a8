using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore.Api;
using PromptWatch.Diagnostics.Performance;
using PromptWatch.Diagnostics.Snapshots;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the in-process metric snapshot as JSON and the reset of the performance monitor.</summary>
public static class PromptWatchMetricsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}/json</c> (the current values of the PromptWatch meters and of every <c>gen_ai.*</c>
    /// instrument, and the GenAI ones per <c>gen_ai.request.model</c>) and <c>GET {pattern}/registries</c> (the meters
    /// and instruments published in the process). Needs <c>services.AddPromptWatch()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="pattern">The prefix: <c>/metrics</c> by default.</param>
    /// <returns>The route group, to add <c>RequireAuthorization()</c> or other conventions.</returns>
    public static RouteGroupBuilder MapPromptWatchMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var collector = endpoints.ServiceProvider.GetService<MetricSnapshotCollector>()
            ?? throw new InvalidOperationException("PromptWatch services are missing: call services.AddPromptWatch() before app.MapPromptWatchMetrics().");
        var group = endpoints.MapGroup(pattern);
        group.WithTags("PromptWatch metrics").AnswerHeadToGet();
        group.MapGet("/json", Handler(context => MetricsEndpoints.JsonAsync(context, collector)))
            .WithName("PromptWatchMetricsJson")
            .WithSummary("The current values of the PromptWatch and gen_ai.* instruments (counters summed, gauges last value, histograms count, sum, p50, p95, p99) per attribute set, and the GenAI ones per model")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.MediaType);
        group.MapGet("/registries", Handler(context => MetricsEndpoints.RegistriesAsync(context, collector)))
            .WithName("PromptWatchMetricsRegistries")
            .WithSummary("The meters and instruments published in the process, and which of them the JSON view collects")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.MediaType);
        return group;
    }

    /// <summary>
    /// Maps <c>POST /reset-metrics</c>, which clears the performance monitor's windows and answers 204. Map it into a
    /// protected admin group, for example <c>app.MapGroup("/admin").RequireAuthorization(...)</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes (an admin group).</param>
    /// <returns>The endpoint, to add conventions.</returns>
    public static RouteHandlerBuilder MapPromptWatchMetricsReset(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var monitor = endpoints.ServiceProvider.GetService<PerformanceMonitor>()
            ?? throw new InvalidOperationException("PromptWatch services are missing: call services.AddPromptWatch() before app.MapPromptWatchMetricsReset().");
        return endpoints.MapPost("/reset-metrics", () =>
            {
                monitor.Reset();
                return TypedResults.NoContent();
            })
            .WithName("PromptWatchResetMetrics")
            .WithSummary("Clears the performance monitor's windows and learned baselines")
            .Produces(StatusCodes.Status204NoContent);
    }

    // A handler taking only the HttpContext would bind as a RequestDelegate, without OpenAPI metadata.
    private static Delegate Handler(Func<HttpContext, Task> handler) => handler;
}
