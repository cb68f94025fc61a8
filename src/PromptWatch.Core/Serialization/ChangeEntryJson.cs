using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using PromptWatch.Model;

namespace PromptWatch.Serialization;

/// <summary>
/// Writes change entries as JSON with the snake_case field names clients of the replaced tool read
/// (<c>environment, usecase, model, prompt, enabled, temperature, top_k, top_p, max_tokens, commit_hash,
/// commit_date, commit_message, commit_author_name, commit_author_email, file_path</c>) plus
/// <c>commit_sha, kind, changed_fields, previous_values, previous_commit_sha, extras, is_latest, diff, error</c>;
/// a modified row of <c>diff</c> also has <c>old_pieces</c> and <c>new_pieces</c>, its words as <c>{text, type}</c>.
/// The command line and the HTTP API share it, so both speak the same shape.
/// </summary>
internal static class ChangeEntryJson
{
    /// <summary>Writes one entry as a JSON object.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="includeDiff">Whether to write the prompt diff (it is the largest part).</param>
    /// <param name="writeMore">Writes further properties into the same object (for example evaluation results).</param>
    /// <param name="keepDiff">Whether the entry keeps the diff it computes (<see langword="false"/> for a writer that keeps the bytes instead).</param>
    public static void Write(Utf8JsonWriter writer, ChangeEntry entry, bool includeDiff = true, Action<Utf8JsonWriter, ChangeEntry>? writeMore = null, bool keepDiff = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entry);
        var state = entry.DisplayState;
        writer.WriteStartObject();
        writer.WriteString("environment", entry.Environment);
        writer.WriteString("usecase", entry.UseCase);
        writer.WriteString("kind", entry.Kind.ToString().ToLowerInvariant());
        writer.WriteString("model", state?.Model);
        writer.WriteString("prompt", state?.Prompt);
        if (state is null) writer.WriteNull("enabled");
        else writer.WriteBoolean("enabled", state.Enabled);
        WriteNumber(writer, "temperature", state?.Temperature);
        WriteNumber(writer, "top_k", state?.TopK);
        WriteNumber(writer, "top_p", state?.TopP);
        WriteNumber(writer, "max_tokens", state?.MaxTokens);
        writer.WriteStartObject("extras");
        if (state is not null)
        {
            foreach (var (key, value) in state.Extras) writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteString("commit_hash", entry.Commit.ShortSha);
        writer.WriteString("commit_sha", entry.Commit.Sha);
        writer.WriteString("commit_date", FormatDate(entry.Commit.Date));
        writer.WriteString("commit_message", entry.Commit.Message);
        writer.WriteString("commit_author_name", entry.Commit.AuthorName);
        writer.WriteString("commit_author_email", entry.Commit.AuthorEmail);
        writer.WriteString("file_path", entry.FilePath);
        writer.WriteStartArray("changed_fields");
        foreach (var field in entry.ChangedFields) writer.WriteStringValue(field);
        writer.WriteEndArray();
        writer.WriteStartObject("previous_values");
        if (entry.PreviousState is { } previous)
        {
            foreach (var field in entry.ChangedFields) writer.WriteString(field, previous.FormatField(field));
        }

        writer.WriteEndObject();
        writer.WriteString("previous_commit_sha", entry.PreviousCommitSha);
        writer.WriteBoolean("is_latest", entry.IsLatest);
        if (includeDiff) WriteDiff(writer, keepDiff ? entry.Diff : entry.DiffWithoutKeeping());
        WriteError(writer, entry.Error);
        writeMore?.Invoke(writer, entry);
        writer.WriteEndObject();
    }

    /// <summary>Formats a commit date as ISO 8601 with its offset, to the second (<c>2026-11-23T10:15:00+01:00</c>).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The text.</returns>
    public static string FormatDate(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>diff</c>: the rows of <paramref name="diff"/>, or null.</summary>
    internal static void WriteDiff(Utf8JsonWriter writer, PromptDiff? diff)
    {
        if (diff is null)
        {
            writer.WriteNull("diff");
            return;
        }

        writer.WriteStartArray("diff");
        foreach (var row in diff.Rows)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", row.Kind.ToString().ToLowerInvariant());
            WriteNumber(writer, "old_number", row.OldNumber);
            writer.WriteString("old_text", row.OldText);
            WriteNumber(writer, "new_number", row.NewNumber);
            writer.WriteString("new_text", row.NewText);
            if (row.Kind == PromptDiffRowKind.Modified)
            {
                WritePieces(writer, "old_pieces", row.OldPieces);
                WritePieces(writer, "new_pieces", row.NewPieces);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WritePieces(Utf8JsonWriter writer, string name, ImmutableArray<PromptDiffPiece> pieces)
    {
        writer.WriteStartArray(name);
        foreach (var piece in pieces)
        {
            writer.WriteStartObject();
            writer.WriteString("text", piece.Text);
            writer.WriteString("type", piece.Kind.ToString().ToLowerInvariant());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteError(Utf8JsonWriter writer, ConfigError? error)
    {
        if (error is null)
        {
            writer.WriteNull("error");
            return;
        }

        writer.WriteStartObject("error");
        writer.WriteString("message", error.Message);
        WriteNumber(writer, "line", error.Line);
        WriteNumber(writer, "column", error.Column);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
