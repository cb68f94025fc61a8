using Microsoft.AspNetCore.Http;
using PromptWatch.Diagnostics.Snapshots;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// <c>metrics/json</c> (the current values of the PromptWatch and GenAI instruments, and the GenAI ones per model) and
/// <c>metrics/registries</c> (the meters and instruments the process published).
/// </summary>
internal static class MetricsEndpoints
{
    public static Task JsonAsync(HttpContext context, MetricSnapshotCollector collector)
    {
        var series = collector.Collect();
        context.Response.Headers.CacheControl = "no-store";
        return JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("metrics");
            foreach (var one in series) MetricJson.WriteSeries(writer, one, one.Points);
            writer.WriteEndArray();
            writer.WriteStartArray("gen_ai_models");
            foreach (var model in MetricJson.PerModel(series))
            {
                writer.WriteStartObject();
                writer.WriteString("model", model.Key);
                writer.WriteStartArray("metrics");
                foreach (var instrument in model.GroupBy(static x => x.Series)) MetricJson.WriteSeries(writer, instrument.Key, instrument.Select(static x => x.Point));
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static Task RegistriesAsync(HttpContext context, MetricSnapshotCollector collector)
    {
        var known = collector.Known();
        context.Response.Headers.CacheControl = "no-store";
        return JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("meters");
            foreach (var meter in known.GroupBy(static k => (k.Meter, k.MeterVersion)))
            {
                writer.WriteStartObject();
                writer.WriteString("name", meter.Key.Meter);
                writer.WriteString("version", meter.Key.MeterVersion);
                writer.WriteStartArray("instruments");
                foreach (var instrument in meter)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", instrument.Name);
                    writer.WriteString("kind", instrument.Kind);
                    writer.WriteString("unit", instrument.Unit);
                    writer.WriteString("description", instrument.Description);
                    writer.WriteBoolean("collected", instrument.Collected);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
