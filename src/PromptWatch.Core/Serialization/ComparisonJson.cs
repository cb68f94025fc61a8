using System.Text.Json;
using PromptWatch.Lifecycle;

namespace PromptWatch.Serialization;

/// <summary>
/// Two versions of a use case compared, as <c>api/compare</c> serves it and <c>promptwatch compare --json</c> prints it:
/// <c>{repository, usecase, from, to, changes: [{field, old, new}], diff}</c>.
/// </summary>
internal static class ComparisonJson
{
    public static void Write(Utf8JsonWriter writer, string repository, string useCase, UseCaseVersion from, UseCaseVersion to, VersionDifference difference)
    {
        writer.WriteStartObject();
        writer.WriteString("repository", repository);
        writer.WriteString("usecase", useCase);
        WriteVersion(writer, "from", from);
        WriteVersion(writer, "to", to);
        writer.WriteStartArray("changes");
        foreach (var change in difference.Changes)
        {
            writer.WriteStartObject();
            writer.WriteString("field", change.Field);
            writer.WriteString("old", change.Old);
            writer.WriteString("new", change.New);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        ChangeEntryJson.WriteDiff(writer, difference.PromptDiff);
        writer.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter writer, string name, UseCaseVersion version)
    {
        writer.WriteStartObject(name);
        writer.WriteString("reference", version.Reference);
        writer.WriteString("environment", version.Environment);
        writer.WriteBoolean("present", version.State is not null);
        writer.WriteString("commit_sha", version.Commit?.Sha);
        if (version.Commit is { } commit) writer.WriteString("commit_date", ChangeEntryJson.FormatDate(commit.Date));
        else writer.WriteNull("commit_date");
        UseCaseValuesJson.Write(writer, version.State);
        writer.WriteEndObject();
    }

}
