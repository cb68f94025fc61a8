using System.Collections.Immutable;
using System.Text.Json;
using PromptWatch.Model;
using PromptWatch.Results;

namespace PromptWatch.Serialization;

/// <summary>
/// Writes score metrics: a change's <c>scores</c> array (<c>name, value, direction, previous, previous_commit, delta,
/// regressed</c>) and <c>scores_error</c>, and a drift side's <c>scores</c> object of names and values. Both are absent when
/// there is no score file.
/// </summary>
internal static class ScoreJson
{
    /// <summary>Writes <c>scores</c> and <c>scores_error</c> of <paramref name="entry"/> into the open object, when it has a score file.</summary>
    public static void WriteChangeScores(Utf8JsonWriter writer, TimelineEntry entry)
    {
        if (entry.ScoresError is { } error) writer.WriteString("scores_error", error);
        if (entry.Scores.IsEmpty) return;
        writer.WriteStartArray("scores");
        foreach (var score in entry.Scores)
        {
            writer.WriteStartObject();
            writer.WriteString("name", score.Name);
            writer.WriteNumber("value", score.Value);
            writer.WriteString("direction", Direction(score.Direction));
            if (score.Previous is { } previous) writer.WriteNumber("previous", previous);
            else writer.WriteNull("previous");
            writer.WriteString("previous_commit", score.PreviousCommit);
            if (score.Delta is { } delta) writer.WriteNumber("delta", delta);
            else writer.WriteNull("delta");
            writer.WriteBoolean("regressed", score.Regressed);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes <c>"scores": {"name": value, ...}</c> into the open object, when <paramref name="scores"/> has any.</summary>
    public static void WriteValues(Utf8JsonWriter writer, ImmutableArray<ChangeScore> scores)
    {
        if (scores.IsDefaultOrEmpty) return;
        writer.WriteStartObject("scores");
        foreach (var score in scores) writer.WriteNumber(score.Name, score.Value);
        writer.WriteEndObject();
    }

    /// <summary>The JSON name of a direction.</summary>
    public static string Direction(ScoreDirection direction) => direction == ScoreDirection.Lower ? "lower" : "higher";
}
