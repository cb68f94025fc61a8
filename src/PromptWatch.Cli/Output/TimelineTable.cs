using System.Text;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Output;

/// <summary>Renders the timeline as an aligned text table.</summary>
internal static class TimelineTable
{
    private static readonly string[] Headers = ["DATE", "ENV", "USE CASE", "KIND", "MODEL", "CHANGED", "COMMIT", "AUTHOR", "MESSAGE"];
    private static readonly int[] MaxWidths = [25, 12, 24, 7, 28, 36, 7, 20, 50];

    // When the table is wider than the terminal, columns give up width in this order, each down to its minimum; when
    // that is not enough, columns are left out in the order below (MESSAGE, AUTHOR, KIND...) and the rest widened again.
    private static readonly (int Column, int Minimum)[] Shrinking = [(8, 12), (7, 8), (5, 12), (4, 10), (2, 10), (1, 4)];
    private static readonly int[] LeftOut = [8, 7, 3, 0, 4, 2, 1, 5];
    private const int Gap = 2;

    /// <summary>The table; with a <paramref name="width"/>, no line is longer than it.</summary>
    public static string Render(IEnumerable<ChangeEntry> timeline, int? width = null)
    {
        var rows = timeline.Select(static entry => Array.ConvertAll(Row(entry), Clean)).ToList();
        if (rows.Count == 0) return "No changes found.\n";

        var natural = new int[Headers.Length];
        for (var c = 0; c < Headers.Length; c++)
        {
            natural[c] = Math.Min(MaxWidths[c], rows.Select(r => r[c].Length).Append(Headers[c].Length).Max());
        }

        var (columns, widths) = width is { } limit ? Fit(natural, limit) : ([.. Enumerable.Range(0, Headers.Length)], natural);
        var text = new StringBuilder();
        Append(text, Headers, columns, widths);
        foreach (var row in rows) Append(text, row, columns, widths);
        text.Append(rows.Count).Append(rows.Count == 1 ? " change\n" : " changes\n");
        return text.ToString();
    }

    /// <summary>The columns shown, left to right, and their widths, so that a line is at most <paramref name="limit"/> long.</summary>
    private static (int[] Columns, int[] Widths) Fit(int[] natural, int limit)
    {
        var shown = Enumerable.Range(0, natural.Length).ToList();
        for (var left = 0; ; left++)
        {
            var widths = (int[])natural.Clone();
            int Total() => shown.Sum(c => widths[c]) + (Gap * (shown.Count - 1));
            foreach (var (column, minimum) in Shrinking)
            {
                var excess = Total() - limit;
                if (excess <= 0) break;
                if (shown.Contains(column)) widths[column] = Math.Max(Math.Min(minimum, widths[column]), widths[column] - excess);
            }

            if (Total() <= limit || left == LeftOut.Length)
            {
                // Too narrow for even the last columns: the last one shown is cut, down to one character and the ellipsis.
                var over = Total() - limit;
                if (over > 0) widths[shown[^1]] = Math.Max(2, widths[shown[^1]] - over);
                return ([.. shown], widths);
            }

            shown.Remove(LeftOut[left]);
        }
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

    private static void Append(StringBuilder text, string[] cells, int[] columns, int[] widths)
    {
        foreach (var c in columns)
        {
            var cell = cells[c];
            if (cell.Length > widths[c]) cell = cell[..(widths[c] - 1)] + "…";
            text.Append(c == columns[^1] ? cell : cell.PadRight(widths[c] + Gap));
        }

        text.Append('\n');
    }
}
