using System.Text;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Output;

/// <summary>Renders the timeline as an aligned text table.</summary>
internal static class TimelineTable
{
    private static readonly string[] Headers = ["DATE", "ENV", "USE CASE", "KIND", "MODEL", "CHANGED", "COMMIT", "AUTHOR", "MESSAGE"];
    private static readonly int[] MaxWidths = [25, 12, 24, 7, 28, 36, 7, 20, 50];

    public static string Render(IEnumerable<ChangeEntry> timeline)
    {
        var rows = timeline.Select(static entry => Array.ConvertAll(Row(entry), Clean)).ToList();
        if (rows.Count == 0) return "No changes found.\n";

        var widths = new int[Headers.Length];
        for (var c = 0; c < Headers.Length; c++)
        {
            widths[c] = Math.Min(MaxWidths[c], rows.Select(r => r[c].Length).Append(Headers[c].Length).Max());
        }

        var text = new StringBuilder();
        Append(text, Headers, widths);
        foreach (var row in rows) Append(text, row, widths);
        text.Append(rows.Count).Append(rows.Count == 1 ? " change\n" : " changes\n");
        return text.ToString();
    }

    private static string[] Row(ChangeEntry entry)
    {
        var changed = entry.Kind switch
        {
            ChangeKind.Error => entry.Error!.ToString(),
            ChangeKind.Added => "new",
            ChangeKind.Removed => "removed",
            _ => string.Join(", ", entry.ChangedFields.Select(f => f == UseCaseState.Fields.Prompt ? f : $"{f} {entry.PreviousState?.FormatField(f) ?? "-"}→{entry.State?.FormatField(f) ?? "-"}")),
        };
        return
        [
            ChangeEntryJson.FormatDate(entry.Commit.Date),
            entry.Environment,
            entry.UseCase ?? "(file)",
            entry.Kind.ToString().ToLowerInvariant(),
            entry.DisplayState?.Model ?? "",
            changed,
            entry.Commit.ShortSha,
            entry.Commit.AuthorName,
            entry.Commit.Subject,
        ];
    }

    /// <summary>One line per cell, tabs as spaces (they would break the alignment), control characters escaped.</summary>
    private static string Clean(string cell) => TerminalText.Escape(cell.ReplaceLineEndings(" ").Replace('\t', ' '));

    private static void Append(StringBuilder text, string[] cells, int[] widths)
    {
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c];
            if (cell.Length > widths[c]) cell = cell[..(widths[c] - 1)] + "…";
            text.Append(c == cells.Length - 1 ? cell : cell.PadRight(widths[c] + 2));
        }

        text.Append('\n');
    }
}
