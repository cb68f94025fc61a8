using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Diagnostics.Performance;
using PromptWatch.Diagnostics.Snapshots;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// <c>api/performance</c>: per operation, count, success rate, mean and percentiles over the last <c>hours</c>, with
/// the baseline and the slower flag, slowest p95 first; and the GenAI token use per model since the process started.
/// </summary>
internal static class PerformanceEndpoints
{
    public static AcceptedQuery Query { get; } = new(
    [
        new("operation", "string", "Only this operation (for example scan, fetch or health_check:<name>); an operation without samples gives an empty list."),
        new("hours", "integer", "The window in hours, 1 to 24 (1 by default)."),
    ]);

    /// <summary>Maps <c>GET api/performance</c>, described in the API document.</summary>
    public static void Map(IEndpointRouteBuilder group)
    {
        var monitor = group.ServiceProvider.GetRequiredService<PerformanceMonitor>();
        var collector = group.ServiceProvider.GetRequiredService<MetricSnapshotCollector>();
        group.MapGet("/api/performance", (HttpContext context, string? operation, string? hours) => GetAsync(context, monitor, collector, operation, hours))
            .AddEndpointFilter(Query).WithMetadata(Query).DescribeQuery(Query)
            .WithName("PromptWatchPerformance")
            .WithSummary("Per operation over the last hours (1 to 24): count, success rate, mean, p50, p95, p99, baseline and slower flag, slowest first; and GenAI token use per model")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    public static async Task<IResult> GetAsync(HttpContext context, PerformanceMonitor monitor, MetricSnapshotCollector collector, string? operation, string? hours)
    {
        var window = 1;
        if (hours is not null && (!int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out window) || window is < 1 or > 24))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Bad query",
                detail: "hours must be a whole number from 1 to 24.",
                extensions: new Dictionary<string, object?> { ["parameter"] = "hours" });
        }

        var operations = monitor.GetOperations(window)
            .Where(o => string.IsNullOrEmpty(operation) || string.Equals(o.Operation, operation, StringComparison.Ordinal))
            .ToList();
        var series = collector.Collect();
        context.Response.Headers.CacheControl = "no-store";
        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("hours", window);
            writer.WriteStartArray("operations");
            foreach (var o in operations)
            {
                writer.WriteStartObject();
                writer.WriteString("operation", o.Operation);
                writer.WriteNumber("count", o.Count);
                writer.WriteNumber("success_rate", o.SuccessRate);
                writer.WriteNumber("mean_ms", o.MeanMilliseconds);
                writer.WriteNumber("p50_ms", o.P50Milliseconds);
                writer.WriteNumber("p95_ms", o.P95Milliseconds);
                writer.WriteNumber("p99_ms", o.P99Milliseconds);
                if (o.BaselineP95Milliseconds is { } baseline) writer.WriteNumber("baseline_p95_ms", baseline);
                else writer.WriteNull("baseline_p95_ms");
                writer.WriteString("baseline_source", o.BaselineSource);
                writer.WriteNumber("last_hour_p95_ms", o.LastHourP95Milliseconds);
                writer.WriteBoolean("slower_than_baseline", o.SlowerThanBaseline);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            MetricJson.WriteModelUse(writer, series);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }
}
