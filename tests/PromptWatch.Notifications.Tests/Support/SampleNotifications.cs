using PromptWatch.Alerting;

namespace PromptWatch.Notifications.Tests.Support;

/// <summary>Notifications as the engine sends them.</summary>
internal static class SampleNotifications
{
    public static readonly Uri Dashboard = new("https://promptwatch.example.com/dashboard#alerts");

    public static Alert Alert(
        string rule = "cpu_high",
        AlertSeverity severity = AlertSeverity.Critical,
        AlertState state = AlertState.Firing,
        string summary = "CPU at 93.5 % (above 80 %)",
        DateTimeOffset? at = null,
        IReadOnlyDictionary<string, string>? labels = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        return new Alert
        {
            Id = "a-" + Guid.NewGuid().ToString("N")[..8],
            Rule = rule,
            Severity = severity,
            State = state,
            Labels = labels ?? new Dictionary<string, string> { ["alertname"] = rule, ["team"] = "platform", ["host"] = "web-1" },
            Summary = summary,
            Value = 93.5,
            Url = new Uri("https://promptwatch.example.com/runs/42"),
            StartsAt = when.AddMinutes(-2),
            FiredAt = when.AddMinutes(-1),
            LastBreachAt = when,
            Breaches = 2,
        };
    }

    public static AlertNotification Firing(params Alert[] alerts) =>
        new(AlertNotificationKind.Firing, alerts[0].Rule + "{host=web-1}", alerts, DateTimeOffset.UtcNow)
        {
            Description = "CPU use stayed above the threshold.",
            DashboardUrl = Dashboard,
        };

    public static AlertNotification Resolved(Alert alert, DateTimeOffset at)
    {
        var resolved = alert with { State = AlertState.Resolved, Resolution = new AlertResolution(AlertResolutionReason.Cleared, at, null, null) };
        return new AlertNotification(AlertNotificationKind.Resolved, alert.Rule + "{host=web-1}", [resolved], at) { DashboardUrl = Dashboard };
    }
}
