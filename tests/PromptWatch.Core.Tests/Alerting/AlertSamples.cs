using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// Alerting records for the store tests: the "full" ones set every property to a value other than its default (so a
/// field a store drops shows), the "bare" ones leave every optional property unset.
/// </summary>
public static class AlertSamples
{
    /// <summary>A fixed time with an offset other than UTC (a store must keep the offset).</summary>
    public static readonly DateTimeOffset At = new(2026, 11, 30, 14, 15, 16, 789, TimeSpan.FromHours(2));

    /// <summary>A rule with every field set (both conditions: the store keeps what it is given).</summary>
    public static AlertRule FullRule(string name = "api-error-rate") => new()
    {
        Name = name,
        Description = "API error rate above 10 %: look at the \"errors\" panel\nthen the logs.",
        Severity = AlertSeverity.Critical,
        Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "platform", ["säule"] = "ß/ü ✓" },
        Channels = ["slack", "email"],
        Cooldown = TimeSpan.FromSeconds(90.5),
        MaxNotificationsPerHour = 7,
        AutoResolveAfter = TimeSpan.FromMinutes(10),
        Enabled = false,
        Metric = new MetricCondition
        {
            Instrument = "promptwatch.http.server.errors",
            Filter = new Dictionary<string, string>(StringComparer.Ordinal) { ["route"] = "api/.*" },
            GroupBy = ["route", "method"],
            Aggregation = MetricAggregation.Ratio,
            Denominator = "promptwatch.http.server.requests",
            DenominatorFilter = new Dictionary<string, string>(StringComparer.Ordinal) { ["route"] = "api/.*" },
            Window = TimeSpan.FromTicks(12_345_678_901),
            Comparison = AlertComparison.Ge,
            Threshold = 0.1,
            ConsecutiveBreaches = 3,
            For = TimeSpan.FromMinutes(2),
        },
        Event = new EventCondition
        {
            Kind = AlertEventKinds.BuildFailure,
            Filter = new Dictionary<string, string>(StringComparer.Ordinal) { ["branch"] = "main" },
            GroupBy = ["repository", "workflow"],
            Occurrences = 2,
        },
    };

    /// <summary>A rule with only what is required.</summary>
    public static AlertRule BareRule(string name = "bare") => new()
    {
        Name = name,
        Event = new EventCondition { Kind = AlertEventKinds.SensitiveFile },
    };

    /// <summary>An alert with every field set, version 0 (new).</summary>
    public static Alert FullAlert(string id = "alert-1") => new()
    {
        Id = id,
        Rule = "api-error-rate",
        Severity = AlertSeverity.Error,
        State = AlertState.Resolved,
        Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = "api-error-rate", ["route"] = "api/alerts" },
        Summary = "Error ratio 0.25 >= 0.1\nsecond line",
        Value = 0.25,
        Url = new Uri("https://ci.example.com/runs/42?tab=logs&x=%20y"),
        StartsAt = At,
        FiredAt = At.AddMinutes(1),
        LastBreachAt = At.AddMinutes(2),
        Breaches = 4,
        LastBreachBy = "engine-1",
        Acknowledgement = new AlertAcknowledgement("ada", At.AddMinutes(3), "on it"),
        Resolution = new AlertResolution(AlertResolutionReason.AutoResolved, At.AddMinutes(4), "grace", "done"),
        SilencedBy = "silence-9",
    };

    /// <summary>An alert with every optional field unset, version 0 (new).</summary>
    public static Alert BareAlert(string id = "alert-bare") => new()
    {
        Id = id,
        Rule = "bare",
        Labels = new Dictionary<string, string>(StringComparer.Ordinal),
        Summary = string.Empty,
        StartsAt = At,
        LastBreachAt = At,
    };

    /// <summary>A silence with every field set.</summary>
    public static Silence FullSilence(string id = "silence-1") => new()
    {
        Id = id,
        Matchers = [new LabelMatcher("team", "platform"), new LabelMatcher("route", "api/.*", IsRegex: true, IsEqual: false)],
        StartsAt = At,
        EndsAt = At.AddHours(2),
        CreatedBy = "grace",
        Comment = "maintenance window",
    };

    /// <summary>A history entry with every field set.</summary>
    public static AlertHistoryEntry FullEntry() => new()
    {
        At = At,
        Kind = AlertHistoryKind.Notification,
        AlertId = "alert-1",
        Rule = "api-error-rate",
        Severity = AlertSeverity.Warning,
        From = AlertState.Firing,
        To = AlertState.Acknowledged,
        Channel = "slack",
        Outcome = "failed",
        Error = "HTTP 500 from the channel\n(retried 3 times)",
        By = "ada",
        Comment = "ack",
    };

    /// <summary>A transition entry of <paramref name="rule"/> and <paramref name="alertId"/> at <paramref name="at"/>.</summary>
    public static AlertHistoryEntry Entry(string rule, string alertId, DateTimeOffset at, string? comment = null) => new()
    {
        At = at,
        Kind = AlertHistoryKind.Transition,
        AlertId = alertId,
        Rule = rule,
        To = AlertState.Firing,
        Comment = comment,
    };
}
