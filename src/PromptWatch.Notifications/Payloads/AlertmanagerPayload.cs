using System.Text;
using System.Text.Json.Nodes;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// The body of Alertmanager's <c>POST /api/v2/alerts</c>: one entry per alert with <c>labels</c> (the alert's, plus
/// <c>alertname</c> and <c>severity</c>; names made valid Prometheus label names), <c>annotations</c>
/// (<c>summary</c>, <c>description</c>, <c>dashboard_url</c>), <c>startsAt</c>, <c>endsAt</c> (the resolution time of a
/// resolved alert; for a firing one left out, or <see cref="AlertmanagerChannelOptions.FiringEndsAfter"/> after the
/// send) and <c>generatorURL</c>.
/// </summary>
internal static class AlertmanagerPayload
{
    public static JsonArray Create(AlertNotification notification, AlertmanagerChannelOptions options) =>
        new([.. notification.Alerts.Select(alert => (JsonNode)Alert(notification, alert, options))]);

    private static JsonObject Alert(AlertNotification notification, Alert alert, AlertmanagerChannelOptions options)
    {
        var labels = new JsonObject();
        foreach (var (name, value) in alert.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            if (value.Length > 0) labels[LabelName(name)] = value;
        }

        labels["alertname"] = alert.Rule;
        labels["severity"] = NotificationText.Severity(alert.Severity);
        var annotations = new JsonObject { ["summary"] = alert.Summary };
        if (notification.Description is { Length: > 0 } description) annotations["description"] = description;
        if (notification.DashboardUrl is { } dashboard) annotations["dashboard_url"] = dashboard.AbsoluteUri;
        if (NotificationText.Value(alert.Value) is { } measured) annotations["value"] = measured;

        var entry = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["startsAt"] = NotificationText.Timestamp(alert.FiredAt ?? alert.StartsAt),
        };
        var endsAt = notification.Kind switch
        {
            AlertNotificationKind.Resolved => alert.Resolution?.At ?? notification.At,
            AlertNotificationKind.Test => notification.At + (options.FiringEndsAfter ?? TimeSpan.FromMinutes(5)),
            _ => notification.At + options.FiringEndsAfter,
        };
        if (endsAt is { } ends) entry["endsAt"] = NotificationText.Timestamp(ends);
        if ((alert.Url ?? notification.DashboardUrl) is { } generator) entry["generatorURL"] = generator.AbsoluteUri;
        return entry;
    }

    /// <summary>A Prometheus label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, other characters replaced by <c>_</c>.</summary>
    public static string LabelName(string name)
    {
        if (name.Length == 0) return "_";
        var text = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0])) text.Append('_');
        foreach (var c in name) text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return text.ToString();
    }
}
