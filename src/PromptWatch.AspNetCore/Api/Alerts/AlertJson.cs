using System.Text.Json;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>Writes alerts, silences, history entries, statistics and evaluations as the API's snake_case JSON.</summary>
internal static class AlertJson
{
    public static void WriteAlert(Utf8JsonWriter writer, Alert alert)
    {
        writer.WriteStartObject();
        writer.WriteString("id", alert.Id);
        writer.WriteString("rule", alert.Rule);
        writer.WriteString("severity", AlertJsonNames.Of(alert.Severity));
        writer.WriteString("state", AlertJsonNames.Of(alert.State));
        WriteMap(writer, "labels", alert.Labels);
        writer.WriteString("summary", alert.Summary);
        if (alert.Value is { } value && double.IsFinite(value)) writer.WriteNumber("value", value);
        else writer.WriteNull("value");
        writer.WriteString("url", alert.Url?.ToString());
        writer.WriteString("starts_at", alert.StartsAt);
        WriteTime(writer, "fired_at", alert.FiredAt);
        writer.WriteString("last_breach_at", alert.LastBreachAt);
        writer.WriteNumber("breaches", alert.Breaches);
        if (alert.Acknowledgement is { } acknowledgement)
        {
            writer.WriteStartObject("acknowledgement");
            writer.WriteString("by", acknowledgement.By);
            writer.WriteString("at", acknowledgement.At);
            writer.WriteString("comment", acknowledgement.Comment);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("acknowledgement");
        }

        if (alert.Resolution is { } resolution)
        {
            writer.WriteStartObject("resolution");
            writer.WriteString("reason", AlertJsonNames.Of(resolution.Reason));
            writer.WriteString("at", resolution.At);
            writer.WriteString("by", resolution.By);
            writer.WriteString("comment", resolution.Comment);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("resolution");
        }

        writer.WriteString("silenced_by", alert.SilencedBy);
        writer.WriteEndObject();
    }

    public static void WriteSilence(Utf8JsonWriter writer, Silence silence, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteString("id", silence.Id);
        writer.WriteStartArray("matchers");
        foreach (var matcher in silence.Matchers)
        {
            writer.WriteStartObject();
            writer.WriteString("name", matcher.Name);
            writer.WriteString("value", matcher.Value);
            writer.WriteBoolean("is_regex", matcher.IsRegex);
            writer.WriteBoolean("is_equal", matcher.IsEqual);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("starts_at", silence.StartsAt);
        writer.WriteString("ends_at", silence.EndsAt);
        writer.WriteString("created_by", silence.CreatedBy);
        writer.WriteString("comment", silence.Comment);
        writer.WriteString("status", silence.IsActiveAt(now) ? "active" : silence.EndsAt <= now ? "expired" : "pending");
        writer.WriteEndObject();
    }

    public static void WriteHistoryEntry(Utf8JsonWriter writer, AlertHistoryEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("at", entry.At);
        writer.WriteString("kind", AlertJsonNames.Of(entry.Kind));
        writer.WriteString("alert", entry.AlertId);
        writer.WriteString("rule", entry.Rule);
        writer.WriteString("severity", AlertJsonNames.Of(entry.Severity));
        writer.WriteString("from", entry.From is { } from ? AlertJsonNames.Of(from) : null);
        writer.WriteString("to", entry.To is { } to ? AlertJsonNames.Of(to) : null);
        writer.WriteString("channel", entry.Channel);
        writer.WriteString("outcome", entry.Outcome);
        writer.WriteString("error", entry.Error);
        writer.WriteString("by", entry.By);
        writer.WriteString("comment", entry.Comment);
        writer.WriteEndObject();
    }

    public static void WriteStatistics(Utf8JsonWriter writer, AlertStatistics statistics)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("rules");
        foreach (var rule in statistics.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("rule", rule.Rule);
            WriteCounts(writer, rule.Fired, rule.Resolved, rule.Open, rule.MeanTimeToAcknowledge, rule.MeanTimeToResolve);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("severities");
        foreach (var severity in statistics.Severities)
        {
            writer.WriteStartObject();
            writer.WriteString("severity", AlertJsonNames.Of(severity.Severity));
            WriteCounts(writer, severity.Fired, severity.Resolved, severity.Open, severity.MeanTimeToAcknowledge, severity.MeanTimeToResolve);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteEvaluation(Utf8JsonWriter writer, AlertEvaluation evaluation)
    {
        writer.WriteStartObject();
        writer.WriteString("at", evaluation.At);
        writer.WriteNumber("rules_evaluated", evaluation.RulesEvaluated);
        writer.WriteStartArray("changed");
        foreach (var alert in evaluation.Changed) WriteAlert(writer, alert);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteSendResult(Utf8JsonWriter writer, ChannelSendResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("channel", result.Channel);
        writer.WriteBoolean("succeeded", result.Succeeded);
        writer.WriteString("error", result.Error);
        writer.WriteEndObject();
    }

    public static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(static p => p.Key, StringComparer.Ordinal)) writer.WriteString(key, value);
        writer.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    public static void WriteSeconds(Utf8JsonWriter writer, string name, TimeSpan? value)
    {
        if (value is { } time) writer.WriteNumber(name, time.TotalSeconds);
        else writer.WriteNull(name);
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time) writer.WriteString(name, time);
        else writer.WriteNull(name);
    }

    private static void WriteCounts(Utf8JsonWriter writer, int fired, int resolved, int open, TimeSpan? toAcknowledge, TimeSpan? toResolve)
    {
        writer.WriteNumber("fired", fired);
        writer.WriteNumber("resolved", resolved);
        writer.WriteNumber("open", open);
        WriteSeconds(writer, "mean_time_to_acknowledge_seconds", toAcknowledge);
        WriteSeconds(writer, "mean_time_to_resolve_seconds", toResolve);
    }
}
