using System.Text.Json;
using PromptWatch.Lifecycle;
using PromptWatch.Model;

namespace PromptWatch.Serialization;

/// <summary>
/// A drift report as JSON, as <c>api/drift</c> serves it and <c>promptwatch drift --json</c> prints it:
/// <c>{repository, environments, left, right, equal, differing, use_cases}</c>.
/// </summary>
internal static class DriftJson
{
    public static void Write(Utf8JsonWriter writer, DriftReport report, IReadOnlyList<string> environments)
    {
        writer.WriteStartObject();
        writer.WriteString("repository", report.Repository);
        writer.WriteStartArray("environments");
        foreach (var environment in environments) writer.WriteStringValue(environment);
        writer.WriteEndArray();
        writer.WriteString("left", report.Left);
        writer.WriteString("right", report.Right);
        writer.WriteNumber("equal", report.UseCases.Count(static u => u.Equal));
        writer.WriteNumber("differing", report.UseCases.Count(static u => !u.Equal));
        LeadTimeJson.Write(writer, report.LeadTime);
        writer.WriteStartArray("use_cases");
        foreach (var drift in report.UseCases)
        {
            writer.WriteStartObject();
            writer.WriteString("usecase", drift.UseCase);
            writer.WriteBoolean("equal", drift.Equal);
            writer.WriteStartArray("differing_fields");
            foreach (var field in drift.DifferingFields) writer.WriteStringValue(field);
            writer.WriteEndArray();
            WriteSide(writer, "left", drift.Left);
            WriteSide(writer, "right", drift.Right);
            if (drift.Lag is { } lag)
            {
                writer.WriteStartObject("lag");
                writer.WriteString("environment", lag.Environment);
                writer.WriteNumber("changes", lag.Changes);
                writer.WriteString("since", ChangeEntryJson.FormatDate(lag.Since));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("lag");
            }

            LeadTimeJson.Write(writer, drift.LeadTime);
            ChangeEntryJson.WriteDiff(writer, drift.PromptDiff);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter writer, string name, DriftSide side)
    {
        writer.WriteStartObject(name);
        writer.WriteString("environment", side.Environment);
        writer.WriteBoolean("present", side.Present);
        writer.WriteBoolean("removed", side.Removed);
        writer.WriteString("commit_sha", side.Commit?.Sha);
        if (side.Commit is { } commit) writer.WriteString("commit_date", ChangeEntryJson.FormatDate(commit.Date));
        else writer.WriteNull("commit_date");
        writer.WriteString("results_state", side.ResultsState switch
        {
            EvaluationResultsState.NotConfigured => "not_configured",
            EvaluationResultsState.Found => "found",
            EvaluationResultsState.None => "none",
            _ => "unknown",
        });
        writer.WriteNumber("results", side.Results);
        ScoreJson.WriteValues(writer, side.Scores);
        UseCaseValuesJson.Write(writer, side.State);
        writer.WriteEndObject();
    }

}
