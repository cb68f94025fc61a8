using System.Text.Encodings.Web;
using System.Text.Json;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Output;

/// <summary>Writes entries as a JSON array, and other answers, in the shape the HTTP API serves.</summary>
internal static class TimelineJson
{
    public static Task WriteAsync(TextWriter output, IEnumerable<ChangeEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var entry in entries) ChangeEntryJson.Write(writer, entry);
            writer.WriteEndArray();
        }, cancellationToken);

    /// <summary>Writes what <paramref name="write"/> writes, indented, as one JSON document and a line break.</summary>
    public static async Task WriteAsync(TextWriter output, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).AsMemory(), cancellationToken);
    }
}
