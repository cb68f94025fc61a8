using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore.Api;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Health;

/// <summary><c>checker/{name}</c> (one check's result) and <c>status</c> (the registered checks; none runs) in the health group.</summary>
internal static class HealthStatusRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/checker/{name}", CheckOneAsync).AnswerHeadToGet();
        group.MapGet("/status", ListChecksAsync).AnswerHeadToGet();
    }

    private static async Task CheckOneAsync(HttpContext context, string name, HealthCheckService checks)
    {
        var registrations = context.RequestServices.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        if (!registrations.Any(r => string.Equals(r.Name, name, StringComparison.Ordinal)))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown health check", detail: $"No health check is named '{name}'.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var report = await checks.CheckHealthAsync(r => string.Equals(r.Name, name, StringComparison.Ordinal), context.RequestAborted).ConfigureAwait(false);
        var entry = report.Entries[name];
        context.Response.StatusCode = entry.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        await WriteJsonAsync(context, writer => HealthReportJson.WriteEntry(writer, name, entry, HealthCheckTimeouts.Of(context.RequestServices))).ConfigureAwait(false);
    }

    private static Task ListChecksAsync(HttpContext context)
    {
        var registrations = context.RequestServices.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        return WriteJsonAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("checks");
            foreach (var registration in registrations)
            {
                writer.WriteStartObject();
                writer.WriteString("name", registration.Name);
                writer.WriteStartArray("tags");
                foreach (var tag in registration.Tags) writer.WriteStringValue(tag);
                writer.WriteEndArray();
                if (registration.Timeout == Timeout.InfiniteTimeSpan) writer.WriteNull("timeout_seconds");
                else writer.WriteNumber("timeout_seconds", registration.Timeout.TotalSeconds);
                writer.WriteString("failure_status", registration.FailureStatus.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, JsonResponses.WriterOptions with { Indented = true })) write(writer);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
