using System.Text;
using PromptWatch.Lifecycle;
using PromptWatch.Serialization;

namespace PromptWatch.Cli.Output;

/// <summary>Renders a drift report: a line per use case, equal or what differs and how far the older side lags.</summary>
internal static class DriftText
{
    public static string Render(DriftReport report)
    {
        var text = new StringBuilder();
        text.Append(report.Left).Append(" vs ").Append(report.Right).Append(": ")
            .Append(report.UseCases.Count(static u => u.Equal)).Append(" equal, ")
            .Append(report.UseCases.Count(static u => !u.Equal)).Append(" differing\n");
        var width = report.UseCases.Select(static u => u.UseCase.Length).DefaultIfEmpty(0).Max();
        foreach (var drift in report.UseCases)
        {
            text.Append("  ").AppendEscaped(drift.UseCase.PadRight(width)).Append("  ");
            if (drift.Equal)
            {
                text.Append("equal\n");
                continue;
            }

            if (!drift.Left.Present || !drift.Right.Present)
            {
                var missing = drift.Left.Present ? drift.Right : drift.Left;
                text.Append("not in ").AppendEscaped(missing.Environment).Append(missing.Removed ? " (removed)" : "");
            }
            else
            {
                text.Append("differs: ").AppendEscaped(string.Join(", ", drift.DifferingFields));
            }

            if (drift.Lag is { } lag)
            {
                text.Append("; ").AppendEscaped(lag.Environment).Append(" is ").Append(lag.Changes).Append(lag.Changes == 1 ? " change" : " changes")
                    .Append(" behind since ").Append(ChangeEntryJson.FormatDate(lag.Since));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
