using System.Text.Json;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>Writes an <see cref="AlertRule"/> in the shape <see cref="AlertRuleReader"/> reads.</summary>
internal static class AlertRuleJson
{
    public static void Write(Utf8JsonWriter writer, AlertRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("name", rule.Name);
        writer.WriteString("description", rule.Description);
        writer.WriteString("severity", AlertJsonNames.Of(rule.Severity));
        AlertJson.WriteMap(writer, "labels", rule.Labels);
        AlertJson.WriteStrings(writer, "channels", rule.Channels);
        AlertJson.WriteSeconds(writer, "cooldown_seconds", rule.Cooldown);
        if (rule.MaxNotificationsPerHour is { } cap) writer.WriteNumber("max_notifications_per_hour", cap);
        else writer.WriteNull("max_notifications_per_hour");
        AlertJson.WriteSeconds(writer, "auto_resolve_after_seconds", rule.AutoResolveAfter);
        writer.WriteBoolean("enabled", rule.Enabled);
        if (rule.Metric is { } metric)
        {
            writer.WriteStartObject("metric");
            writer.WriteString("instrument", metric.Instrument);
            AlertJson.WriteMap(writer, "filter", metric.Filter);
            AlertJson.WriteStrings(writer, "group_by", metric.GroupBy);
            writer.WriteString("aggregation", AlertJsonNames.Of(metric.Aggregation));
            writer.WriteString("denominator", metric.Denominator);
            AlertJson.WriteMap(writer, "denominator_filter", metric.DenominatorFilter);
            writer.WriteNumber("window_seconds", metric.Window.TotalSeconds);
            writer.WriteString("comparison", AlertJsonNames.Of(metric.Comparison));
            writer.WriteNumber("threshold", metric.Threshold);
            writer.WriteNumber("consecutive_breaches", metric.ConsecutiveBreaches);
            AlertJson.WriteSeconds(writer, "for_seconds", metric.For);
            writer.WriteEndObject();
        }

        if (rule.Event is { } condition)
        {
            writer.WriteStartObject("event");
            writer.WriteString("kind", condition.Kind);
            AlertJson.WriteMap(writer, "filter", condition.Filter);
            if (condition.GroupBy is { } groupBy) AlertJson.WriteStrings(writer, "group_by", groupBy);
            else writer.WriteNull("group_by");
            writer.WriteNumber("occurrences", condition.Occurrences);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
