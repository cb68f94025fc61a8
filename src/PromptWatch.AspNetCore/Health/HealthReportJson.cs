using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.AspNetCore.Api;

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// Writes a health report as JSON: overall status and duration, then each check with its status, duration, description
/// and data, then the entries of every <see cref="IHealthReportContributor"/>.
/// </summary>
internal static class HealthReportJson
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        // Entries of contributors follow the checks' own; they do not change the overall status.
        var contributed = new List<KeyValuePair<string, HealthReportEntry>>();
        foreach (var contributor in context.RequestServices.GetServices<IHealthReportContributor>())
        {
            contributed.AddRange(await contributor.GetEntriesAsync(context.RequestAborted).ConfigureAwait(false));
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, JsonResponses.WriterOptions with { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 2));
            writer.WriteStartArray("checks");
            var timeouts = HealthCheckTimeouts.Of(context.RequestServices);
            foreach (var (name, entry) in report.Entries.Concat(contributed)) WriteEntry(writer, name, entry, timeouts);

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>One check: name, status, duration, description (a timeout says after how long), tags and data.</summary>
    public static void WriteEntry(Utf8JsonWriter writer, string name, HealthReportEntry entry, IReadOnlyDictionary<string, TimeSpan> timeouts)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("status", entry.Status.ToString());
        writer.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 2));
        writer.WriteString("description", HealthCheckTimeouts.Describe(name, entry, timeouts));
        writer.WriteStartArray("tags");
        foreach (var tag in entry.Tags) writer.WriteStringValue(tag);
        writer.WriteEndArray();
        writer.WriteStartObject("data");
        foreach (var (key, value) in entry.Data)
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
