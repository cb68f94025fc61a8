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
                .Append("  ").AppendEscaped(entry.Environment).Append('/').AppendEscaped(entry.UseCase)
                .Append("  ").Append(entry.Kind.ToString().ToLowerInvariant())
                .Append(entry.IsLatest ? "  (latest)" : "").Append('\n');
            text.Append("    ").AppendEscaped(entry.Commit.AuthorName).Append(" <").AppendEscaped(entry.Commit.AuthorEmail).Append(">: ")
                .AppendEscaped(entry.Commit.Subject).Append('\n');
            text.Append("    file: ").AppendEscaped(entry.FilePath).Append('\n');
            if (entry.DisplayState is { } state)
            {
                text.Append("    model: ").AppendEscaped(state.Model).Append(", enabled: ").Append(state.Enabled ? "true" : "false");
                foreach (var field in new[] { UseCaseState.Fields.Temperature, UseCaseState.Fields.TopK, UseCaseState.Fields.TopP, UseCaseState.Fields.MaxTokens })
                {
                    if (state.FormatField(field) is { } value) text.Append(", ").Append(field).Append(": ").AppendEscaped(value);
                }

                text.Append('\n');
            }

            foreach (var field in entry.ChangedFields.Where(static f => f != UseCaseState.Fields.Prompt))
            {
                if (entry.Kind != ChangeKind.Changed) break;
                text.Append("    ").AppendEscaped(field).Append(": ").AppendEscaped(entry.PreviousState?.FormatField(field) ?? "-")
                    .Append(" -> ").AppendEscaped(entry.State?.FormatField(field) ?? "-").Append('\n');
            }

            if (entry.Kind != ChangeKind.Changed || entry.ChangedFields.Contains(UseCaseState.Fields.Prompt))
            {
                foreach (var line in entry.Diff?.ToUnifiedText().Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [])
                {
                    text.Append("    | ").AppendEscaped(line).Append('\n');
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
