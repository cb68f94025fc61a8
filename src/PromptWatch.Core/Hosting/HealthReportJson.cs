using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Hosting;

/// <summary>
/// A health report as JSON, for <c>/health/detailed</c> (PromptWatch.AspNetCore) and <c>promptwatch health --config</c>
/// alike: <c>{status, duration_ms, checks: [{name, status, duration_ms, description, tags, data}]}</c>, the checks'
/// own entries first, then any further entries (which do not change the overall status).
/// </summary>
internal static class HealthReportJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The report, then <paramref name="further"/>; <paramref name="timeouts"/> by check name (<see cref="HealthCheckTimeouts.Of"/>).</summary>
    public static void Write(IBufferWriter<byte> output, HealthReport report, IEnumerable<KeyValuePair<string, HealthReportEntry>> further, IReadOnlyDictionary<string, TimeSpan> timeouts)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 2));
        writer.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries.Concat(further)) WriteEntry(writer, name, entry, timeouts);

        writer.WriteEndArray();
        writer.WriteEndObject();
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
