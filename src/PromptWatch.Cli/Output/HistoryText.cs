using System.Text;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Output;

/// <summary>Renders one use case's versions, newest first, with parameter changes and prompt diffs.</summary>
internal static class HistoryText
{
    public static string Render(IReadOnlyList<ChangeEntry> versions)
    {
        var text = new StringBuilder();
        foreach (var entry in versions)
        {
            text.Append(entry.Commit.ShortSha).Append("  ").Append(ChangeEntryJson.FormatDate(entry.Commit.Date))
                .Append("  ").Append(entry.Environment).Append('/').Append(entry.UseCase)
                .Append("  ").Append(entry.Kind.ToString().ToLowerInvariant())
                .Append(entry.IsLatest ? "  (latest)" : "").Append('\n');
            text.Append("    ").Append(entry.Commit.AuthorName).Append(" <").Append(entry.Commit.AuthorEmail).Append(">: ")
                .Append(entry.Commit.Subject).Append('\n');
            text.Append("    file: ").Append(entry.FilePath).Append('\n');
            if (entry.DisplayState is { } state)
            {
                text.Append("    model: ").Append(state.Model).Append(", enabled: ").Append(state.Enabled ? "true" : "false");
                foreach (var field in new[] { UseCaseState.Fields.Temperature, UseCaseState.Fields.TopK, UseCaseState.Fields.TopP, UseCaseState.Fields.MaxTokens })
                {
                    if (state.FormatField(field) is { } value) text.Append(", ").Append(field).Append(": ").Append(value);
                }

                text.Append('\n');
            }

            foreach (var field in entry.ChangedFields.Where(static f => f != UseCaseState.Fields.Prompt))
            {
                if (entry.Kind != ChangeKind.Changed) break;
                text.Append("    ").Append(field).Append(": ").Append(entry.PreviousState?.FormatField(field) ?? "-")
                    .Append(" -> ").Append(entry.State?.FormatField(field) ?? "-").Append('\n');
            }

            if (entry.Kind != ChangeKind.Changed || entry.ChangedFields.Contains(UseCaseState.Fields.Prompt))
            {
                foreach (var line in entry.Diff?.ToUnifiedText().Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [])
                {
                    text.Append("    | ").Append(line).Append('\n');
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
