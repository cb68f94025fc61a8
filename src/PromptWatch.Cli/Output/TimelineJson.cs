using System.Text.Encodings.Web;
using System.Text.Json;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Output;

/// <summary>
/// Writes entries as a JSON array, and other answers, in the shape the HTTP API serves. To the process's own standard
/// output in UTF-8 the bytes go straight to the stream, a chunk at a time (a scan's timeline is megabytes: it is
/// neither held whole nor turned into text and back); to any other writer they go as text, the same characters.
/// </summary>
internal static class TimelineJson
{
    /// <summary>How many bytes the JSON writer holds before it hands them to the stream.</summary>
    private const int ChunkBytes = 64 * 1024;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(TextWriter output, IEnumerable<ChangeEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(output, writer => WriteArray(writer, entries), cancellationToken);

    /// <summary>Writes what <paramref name="write"/> writes, indented, as one JSON document and a line break.</summary>
    public static async Task WriteAsync(TextWriter output, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        if (IsUtf8StandardOutput(output))
        {
            await output.FlushAsync(cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            await WriteAsync(stdout, write, output.NewLine, cancellationToken);
            return;
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).AsMemory(), cancellationToken);
    }

    /// <summary>Writes entries as a JSON array and <paramref name="newLine"/> to <paramref name="destination"/>, in UTF-8.</summary>
    public static Task WriteAsync(Stream destination, IEnumerable<ChangeEntry> entries, string newLine, CancellationToken cancellationToken) =>
        WriteAsync(destination, writer => WriteArray(writer, entries), newLine, cancellationToken);

    /// <summary>Writes what <paramref name="write"/> writes, indented, as one JSON document and <paramref name="newLine"/> to <paramref name="destination"/>, in UTF-8.</summary>
    public static async Task WriteAsync(Stream destination, Action<Utf8JsonWriter> write, string newLine, CancellationToken cancellationToken)
    {
        await using (var writer = new Utf8JsonWriter(destination, Options))
        {
            write(writer);
        }

        await destination.WriteAsync(System.Text.Encoding.UTF8.GetBytes(newLine), cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable<ChangeEntry> entries)
    {
        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            ChangeEntryJson.Write(writer, entry);
            if (writer.BytesPending >= ChunkBytes) writer.Flush();
        }

        writer.WriteEndArray();
    }

    /// <summary>Whether <paramref name="output"/> is the process's standard output and writes UTF-8 (so the JSON's own bytes are the text's).</summary>
    private static bool IsUtf8StandardOutput(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && Console.OutputEncoding.CodePage == System.Text.Encoding.UTF8.CodePage;
}
