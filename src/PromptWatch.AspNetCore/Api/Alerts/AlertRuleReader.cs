using System.Text.Json;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>
/// Reads an <see cref="AlertRule"/> from the API's JSON (the snake_case of its properties, durations in seconds). A value
/// of the wrong type, an unknown enum value or an unknown field throws <see cref="AlertValidationException"/> naming
/// the field by its path; what the engine checks beyond the shape (a known instrument, a linear filter, a configured
/// channel, a window in range) it checks when the rule is saved.
/// </summary>
internal static class AlertRuleReader
{
    private static readonly string[] RuleFields =
        ["name", "description", "severity", "labels", "channels", "cooldown_seconds", "max_notifications_per_hour", "auto_resolve_after_seconds", "enabled", "metric", "event"];

    private static readonly string[] MetricFields =
        ["instrument", "filter", "group_by", "aggregation", "denominator", "denominator_filter", "window_seconds", "comparison", "threshold", "consecutive_breaches", "for_seconds"];

    private static readonly string[] EventFields = ["kind", "filter", "group_by", "occurrences"];

    /// <summary>Reads a rule; <paramref name="name"/> (the route's rule id) stands in for a missing <c>name</c> and must match a given one.</summary>
    public static AlertRule Read(JsonElement body, string? name = null)
    {
        var fields = JsonField.Object(body, string.Empty, RuleFields);
        var given = JsonField.OptionalString(fields, string.Empty, "name");
        if (name is not null && given is not null && !string.Equals(name, given, StringComparison.Ordinal))
        {
            throw JsonField.Invalid("name", $"'name' is '{given}' but the route names the rule '{name}': a rule cannot be renamed.");
        }

        var ruleName = given ?? name ?? throw JsonField.Invalid("name", "'name' is required.");
        var rule = new AlertRule { Name = ruleName };
        if (JsonField.TryGet(fields, "description", out var description)) rule = rule with { Description = JsonField.String(description, "description") };
        if (JsonField.TryGet(fields, "severity", out var severity)) rule = rule with { Severity = JsonField.Enum<AlertSeverity>(severity, "severity") };
        if (JsonField.TryGet(fields, "labels", out var labels)) rule = rule with { Labels = JsonField.StringMap(labels, "labels") };
        if (JsonField.TryGet(fields, "channels", out var channels)) rule = rule with { Channels = JsonField.Strings(channels, "channels") };
        if (JsonField.TryGet(fields, "cooldown_seconds", out var cooldown)) rule = rule with { Cooldown = JsonField.Seconds(cooldown, "cooldown_seconds") };
        if (JsonField.TryGet(fields, "max_notifications_per_hour", out var cap)) rule = rule with { MaxNotificationsPerHour = JsonField.Integer(cap, "max_notifications_per_hour", 1) };
        if (JsonField.TryGet(fields, "auto_resolve_after_seconds", out var autoResolve)) rule = rule with { AutoResolveAfter = JsonField.Seconds(autoResolve, "auto_resolve_after_seconds") };
        if (JsonField.TryGet(fields, "enabled", out var enabled)) rule = rule with { Enabled = JsonField.Boolean(enabled, "enabled") };

        var hasMetric = JsonField.TryGet(fields, "metric", out var metric);
        var hasEvent = JsonField.TryGet(fields, "event", out var condition);
        if (hasMetric == hasEvent) throw JsonField.Invalid(hasMetric ? "event" : "metric", "A rule has either a 'metric' or an 'event' condition, not both and not neither.");
        return hasMetric ? rule with { Metric = ReadMetric(metric) } : rule with { Event = ReadEvent(condition) };
    }

    private static MetricCondition ReadMetric(JsonElement element)
    {
        const string Path = "metric";
        var fields = JsonField.Object(element, Path, MetricFields);
        var instrument = JsonField.RequiredString(fields, Path, "instrument");
        if (!JsonField.TryGet(fields, "threshold", out var threshold)) throw JsonField.Invalid("metric.threshold", "'metric.threshold' is required.");
        var metric = new MetricCondition { Instrument = instrument, Threshold = JsonField.Number(threshold, "metric.threshold") };
        if (JsonField.TryGet(fields, "filter", out var filter)) metric = metric with { Filter = JsonField.StringMap(filter, "metric.filter") };
        if (JsonField.TryGet(fields, "group_by", out var groupBy)) metric = metric with { GroupBy = JsonField.Strings(groupBy, "metric.group_by") };
        if (JsonField.TryGet(fields, "aggregation", out var aggregation)) metric = metric with { Aggregation = JsonField.Enum<MetricAggregation>(aggregation, "metric.aggregation") };
        if (JsonField.OptionalString(fields, Path, "denominator") is { } denominator) metric = metric with { Denominator = denominator };
        if (JsonField.TryGet(fields, "denominator_filter", out var denominatorFilter)) metric = metric with { DenominatorFilter = JsonField.StringMap(denominatorFilter, "metric.denominator_filter") };
        if (JsonField.TryGet(fields, "window_seconds", out var window)) metric = metric with { Window = JsonField.Seconds(window, "metric.window_seconds") };
        if (JsonField.TryGet(fields, "comparison", out var comparison)) metric = metric with { Comparison = JsonField.Enum<AlertComparison>(comparison, "metric.comparison") };
        if (JsonField.TryGet(fields, "consecutive_breaches", out var breaches)) metric = metric with { ConsecutiveBreaches = JsonField.Integer(breaches, "metric.consecutive_breaches", 1) };
        if (JsonField.TryGet(fields, "for_seconds", out var forTime)) metric = metric with { For = JsonField.Seconds(forTime, "metric.for_seconds") };
        return metric;
    }

    private static EventCondition ReadEvent(JsonElement element)
    {
        const string Path = "event";
        var fields = JsonField.Object(element, Path, EventFields);
        var condition = new EventCondition { Kind = JsonField.RequiredString(fields, Path, "kind") };
        if (JsonField.TryGet(fields, "filter", out var filter)) condition = condition with { Filter = JsonField.StringMap(filter, "event.filter") };
        if (JsonField.TryGet(fields, "group_by", out var groupBy)) condition = condition with { GroupBy = JsonField.Strings(groupBy, "event.group_by") };
        if (JsonField.TryGet(fields, "occurrences", out var occurrences)) condition = condition with { Occurrences = JsonField.Integer(occurrences, "event.occurrences", 1) };
        return condition;
    }
}
