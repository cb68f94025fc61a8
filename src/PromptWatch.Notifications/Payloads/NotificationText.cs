using System.Globalization;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>The words and formats every channel uses for a notification, so that they all say the same thing.</summary>
internal static class NotificationText
{
    public static string Kind(AlertNotificationKind kind) => kind switch
    {
        AlertNotificationKind.Firing or AlertNotificationKind.Repeat => "firing",
        AlertNotificationKind.Resolved => "resolved",
        _ => "test",
    };

    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Error => "error",
        _ => "critical",
    };

    public static string State(AlertState state) => state switch
    {
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Resolved => "resolved",
        _ => "suppressed",
    };

    /// <summary>The most severe of the notification's alerts.</summary>
    public static AlertSeverity TopSeverity(AlertNotification notification) => notification.Alerts.Count == 0 ? AlertSeverity.Info : notification.Alerts.Max(static a => a.Severity);

    /// <summary><c>[CRITICAL] rule: summary</c>, with <c>[RESOLVED]</c> or <c>[TEST]</c> before it and the number of further alerts after it.</summary>
    public static string Title(AlertNotification notification)
    {
        var first = notification.Alerts.Count > 0 ? notification.Alerts[0] : null;
        var prefix = notification.Kind switch
        {
            AlertNotificationKind.Resolved => "[RESOLVED] ",
            AlertNotificationKind.Test => "[TEST] ",
            _ => string.Empty,
        };
        var more = notification.Alerts.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (+{notification.Alerts.Count - 1} more)") : string.Empty;
        var text = first is null ? "PromptWatch alert" : $"[{Severity(TopSeverity(notification)).ToUpperInvariant()}] {first.Rule}: {first.Summary}";
        return OneLine(prefix + text + more);
    }

    public static string? Value(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>An RFC 3339 / ISO 8601 time in UTC with milliseconds.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        string.Join(", ", labels.OrderBy(static l => l.Key, StringComparer.Ordinal).Select(static l => $"{l.Key}={l.Value}"));

    /// <summary>At most <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
