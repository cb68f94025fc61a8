using System.Globalization;
using PromptWatch.Parsing;

namespace PromptWatch.Alerting.Rules;

/// <summary>
/// Checks a rule before the engine stores or uses it; each problem is an <see cref="AlertValidationException"/> naming
/// the field as the API's JSON spells it (<c>metric.threshold</c>, <c>channels[1]</c>...).
/// </summary>
internal static class AlertRuleValidator
{
    public const int MaxNameLength = 128;
    public static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);
    public const int MaxNotificationsPerHour = 10_000;
    public const int MaxCount = 1000;

    /// <summary>Throws when <paramref name="rule"/> is not valid.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="channels">The configured channels' names.</param>
    public static void Validate(AlertRule rule, IReadOnlyCollection<string> channels)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!IsName(rule.Name)) throw Invalid("name", $"The rule name must be 1 to {MaxNameLength} letters, digits, '_', '-' or '.'.");
        if (!Enum.IsDefined(rule.Severity)) throw Invalid("severity", "The severity must be info, warning, error or critical.");
        foreach (var (key, value) in rule.Labels ?? throw Invalid("labels", "The labels must be an object."))
        {
            if (!IsName(key) || value is null) throw Invalid("labels", $"The label '{key}' must have a name of letters, digits, '_', '-' or '.' and a value.");
        }

        var channelList = rule.Channels ?? throw Invalid("channels", "The channels must be a list.");
        for (var i = 0; i < channelList.Count; i++)
        {
            if (!channels.Contains(channelList[i], StringComparer.Ordinal))
            {
                throw Invalid(Index("channels", i), $"'{channelList[i]}' is not a configured channel; configured: {string.Join(", ", channels)}.");
            }
        }

        if (rule.Cooldown is { } cooldown && (cooldown < TimeSpan.Zero || cooldown > MaxWindow)) throw Invalid("cooldown", "The cooldown must be from 0 to 24 hours.");
        if (rule.MaxNotificationsPerHour is { } max && max is < 1 or > MaxNotificationsPerHour)
        {
            throw Invalid("max_notifications_per_hour", $"The hourly notification cap must be from 1 to {MaxNotificationsPerHour}.");
        }

        if (rule.AutoResolveAfter is { } auto && (auto <= TimeSpan.Zero || auto > MaxDuration)) throw Invalid("auto_resolve_after", "Auto-resolve must be after more than 0 and at most 7 days.");
        switch (rule)
        {
            case { Metric: not null, Event: not null }:
                throw Invalid("metric", "A rule has either a metric or an event condition, not both.");
            case { Metric: null, Event: null }:
                throw Invalid("metric", "A rule needs a metric or an event condition.");
            case { Metric: { } metric }:
                ValidateMetric(metric);
                break;
            case { Event: { } condition }:
                ValidateEvent(condition);
                break;
        }
    }

    /// <summary>Whether <paramref name="name"/> is a valid rule or label name.</summary>
    public static bool IsName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static void ValidateMetric(MetricCondition metric)
    {
        if (string.IsNullOrWhiteSpace(metric.Instrument) || KnownInstruments.KindOf(metric.Instrument) is not { } kind)
        {
            throw Invalid("metric.instrument", $"'{metric.Instrument}' is not a known instrument; known: {string.Join(", ", KnownInstruments.Names)}.");
        }

        if (!Enum.IsDefined(metric.Aggregation)) throw Invalid("metric.aggregation", "The aggregation must be last_value, rate, increase, ratio or p95.");
        if (!Enum.IsDefined(metric.Comparison)) throw Invalid("metric.comparison", "The comparison must be gt, ge, lt, le, eq or ne.");
        if (!double.IsFinite(metric.Threshold)) throw Invalid("metric.threshold", "The threshold must be a finite number.");
        if (metric.Window < MinWindow || metric.Window > MaxWindow) throw Invalid("metric.window", "The window must be from 15 seconds to 24 hours.");
        if (metric.ConsecutiveBreaches is < 1 or > MaxCount) throw Invalid("metric.consecutive_breaches", $"Consecutive breaches must be from 1 to {MaxCount}.");
        if (metric.For is { } duration && (duration < TimeSpan.Zero || duration > MaxDuration)) throw Invalid("metric.for", "The duration must be from 0 to 7 days.");
        switch (metric.Aggregation)
        {
            case MetricAggregation.P95 when kind != InstrumentKind.Histogram:
                throw Invalid("metric.aggregation", $"p95 needs a histogram; '{metric.Instrument}' is not one.");
            case MetricAggregation.Rate or MetricAggregation.Increase or MetricAggregation.Ratio when kind == InstrumentKind.Gauge:
                throw Invalid("metric.aggregation", $"{metric.Aggregation.ToString().ToLowerInvariant()} needs a counter or a histogram; '{metric.Instrument}' goes up and down.");
        }

        ValidateFilter("metric.filter", metric.Filter);
        foreach (var attribute in metric.GroupBy ?? throw Invalid("metric.group_by", "group_by must be a list."))
        {
            if (string.IsNullOrWhiteSpace(attribute)) throw Invalid("metric.group_by", "group_by holds an empty attribute name.");
        }

        if (metric.Aggregation == MetricAggregation.Ratio)
        {
            if (string.IsNullOrWhiteSpace(metric.Denominator) || KnownInstruments.KindOf(metric.Denominator) is not { } denominator)
            {
                throw Invalid("metric.denominator", $"A ratio needs a known denominator instrument; '{metric.Denominator}' is not one.");
            }

            if (denominator == InstrumentKind.Gauge) throw Invalid("metric.denominator", $"The denominator must be a counter or a histogram; '{metric.Denominator}' goes up and down.");
            ValidateFilter("metric.denominator_filter", metric.DenominatorFilter);
        }
    }

    private static void ValidateEvent(EventCondition condition)
    {
        if (!IsName(condition.Kind)) throw Invalid("event.kind", "The event kind must be 1 to 128 letters, digits, '_', '-' or '.'.");
        if (condition.Occurrences is < 1 or > MaxCount) throw Invalid("event.occurrences", $"Occurrences must be from 1 to {MaxCount}.");
        ValidateFilter("event.filter", condition.Filter);
    }

    private static void ValidateFilter(string field, IReadOnlyDictionary<string, string>? filter)
    {
        foreach (var (attribute, pattern) in filter ?? throw Invalid(field, "The filter must be an object."))
        {
            if (LinearRegex.Check(pattern) is { } problem) throw Invalid($"{field}.{attribute}", problem);
        }
    }

    private static string Index(string field, int index) => string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]");

    private static AlertValidationException Invalid(string field, string message) => new(field, message);
}
