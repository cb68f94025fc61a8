using System.Text.Json;
using PromptWatch.Diagnostics.Snapshots;

namespace PromptWatch.AspNetCore.Api;

/// <summary>Writes collected metric series and the GenAI use per model as JSON.</summary>
internal static class MetricJson
{
    public const string TokenUsage = "gen_ai.client.token.usage";
    public const string OperationDuration = "gen_ai.client.operation.duration";
    private const string TokenType = "gen_ai.token.type";

    public static void WriteSeries(Utf8JsonWriter writer, MetricSeries series, IEnumerable<MetricPoint> points)
    {
        writer.WriteStartObject();
        writer.WriteString("meter", series.Meter);
        writer.WriteString("name", series.Name);
        writer.WriteString("kind", series.Kind);
        writer.WriteString("unit", series.Unit);
        writer.WriteString("description", series.Description);
        writer.WriteStartArray("points");
        foreach (var point in points) WritePoint(writer, point);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The GenAI series grouped per <c>gen_ai.request.model</c> (points without it under <c>(unknown)</c>).</summary>
    public static IEnumerable<IGrouping<string, (MetricSeries Series, MetricPoint Point)>> PerModel(IEnumerable<MetricSeries> series) =>
        series.Where(static s => s.Name.StartsWith("gen_ai.", StringComparison.Ordinal))
            .SelectMany(static s => s.Points.Select(p => (Series: s, Point: p)))
            .GroupBy(static x => ModelOf(x.Point))
            .OrderBy(static g => g.Key, StringComparer.Ordinal);

    /// <summary>Token use and call durations per model: <c>{model, input_tokens, output_tokens, calls, duration_p95_seconds}</c>.</summary>
    public static void WriteModelUse(Utf8JsonWriter writer, IEnumerable<MetricSeries> series)
    {
        writer.WriteStartArray("models");
        foreach (var model in PerModel(series))
        {
            double input = 0, output = 0;
            long calls = 0;
            double? p95 = null;
            foreach (var (instrument, point) in model)
            {
                if (instrument.Name == TokenUsage)
                {
                    var type = point.Attributes.FirstOrDefault(static a => a.Key == TokenType).Value;
                    if (type == "input") input += point.Sum ?? point.Value ?? 0;
                    else if (type == "output") output += point.Sum ?? point.Value ?? 0;
                }
                else if (instrument.Name == OperationDuration)
                {
                    calls += point.Count ?? 0;
                    p95 = Math.Max(p95 ?? 0, point.P95 ?? 0);
                }
            }

            writer.WriteStartObject();
            writer.WriteString("model", model.Key);
            writer.WriteNumber("input_tokens", input);
            writer.WriteNumber("output_tokens", output);
            writer.WriteNumber("calls", calls);
            if (p95 is { } seconds) writer.WriteNumber("duration_p95_seconds", seconds);
            else writer.WriteNull("duration_p95_seconds");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string ModelOf(MetricPoint point) =>
        point.Attributes.FirstOrDefault(static a => a.Key == MetricSnapshotCollector.ModelAttribute).Value is { Length: > 0 } model ? model : "(unknown)";

    private static void WritePoint(Utf8JsonWriter writer, MetricPoint point)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        foreach (var (key, value) in point.Attributes) writer.WriteString(key, value);
        writer.WriteEndObject();
        if (point.Count is { } count)
        {
            writer.WriteNumber("count", count);
            writer.WriteNumber("sum", point.Sum ?? 0);
            writer.WriteNumber("p50", point.P50 ?? 0);
            writer.WriteNumber("p95", point.P95 ?? 0);
            writer.WriteNumber("p99", point.P99 ?? 0);
        }
        else
        {
            writer.WriteNumber("value", point.Value ?? 0);
        }

        writer.WriteEndObject();
    }
}
