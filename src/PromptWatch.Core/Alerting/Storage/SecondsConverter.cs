using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptWatch.Alerting.Storage;

/// <summary>A <see cref="TimeSpan"/> as a number of seconds (<c>300</c>, <c>0.25</c>), as the project's JSON writes durations.</summary>
internal sealed class SecondsConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number) throw new JsonException("A duration must be a number of seconds.");
        var seconds = reader.GetDouble();
        // Whole ticks: the seconds written by Write read back to the same TimeSpan.
        return double.IsFinite(seconds) && Math.Abs(seconds) <= TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : throw new JsonException("A duration is out of range.");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((decimal)value.Ticks / TimeSpan.TicksPerSecond);
}
