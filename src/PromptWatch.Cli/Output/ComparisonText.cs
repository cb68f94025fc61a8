using System.Text;
using PromptWatch.Lifecycle;

namespace PromptWatch.Cli.Output;

/// <summary>Renders a comparison: both versions, each changed field as old -> new, and the prompt's diff.</summary>
internal static class ComparisonText
{
    public static string Render(string useCase, UseCaseVersion from, UseCaseVersion to, VersionDifference difference)
    {
        var text = new StringBuilder();
        text.AppendEscaped(useCase).Append(": ");
        Version(text, from);
        text.Append(" -> ");
        Version(text, to);
        text.Append('\n');
        if (difference.Changes.IsEmpty)
        {
            text.Append("  no difference\n");
            return text.ToString();
        }

        foreach (var change in difference.Changes.Where(static c => c.Field != Model.UseCaseState.Fields.Prompt))
        {
            text.Append("  ").AppendEscaped(change.Field).Append(": ").AppendEscaped(change.Old ?? "-").Append(" -> ").AppendEscaped(change.New ?? "-").Append('\n');
        }

        foreach (var line in difference.PromptDiff?.ToUnifiedText().Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            text.Append("  | ").AppendEscaped(line).Append('\n');
        }

        return text.ToString();
    }

    private static void Version(StringBuilder text, UseCaseVersion version)
    {
        text.AppendEscaped(version.Environment);
        if (version.Commit is { } commit) text.Append(" at ").Append(commit.ShortSha);
        if (version.State is null) text.Append(" (not there)");
    }
}
