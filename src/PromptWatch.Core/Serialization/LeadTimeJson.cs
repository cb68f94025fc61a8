using System.Text.Json;
using PromptWatch.Lifecycle;

namespace PromptWatch.Serialization;

/// <summary>Writes <c>lead_time</c>: <c>{promotions, median_seconds, last_seconds, slowest_seconds}</c>, or null.</summary>
internal static class LeadTimeJson
{
    public static void Write(Utf8JsonWriter writer, LeadTime? leadTime)
    {
        if (leadTime is null)
        {
            writer.WriteNull("lead_time");
            return;
        }

        writer.WriteStartObject("lead_time");
        writer.WriteNumber("promotions", leadTime.Promotions);
        writer.WriteNumber("median_seconds", (long)leadTime.Median.TotalSeconds);
        writer.WriteNumber("last_seconds", (long)leadTime.Last.TotalSeconds);
        writer.WriteNumber("slowest_seconds", (long)leadTime.Slowest.TotalSeconds);
        writer.WriteEndObject();
    }
}
