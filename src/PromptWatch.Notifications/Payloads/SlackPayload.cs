using System.Text.Json.Nodes;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// A Slack incoming-webhook message in Block Kit: a <c>header</c> block, a <c>section</c> per alert (its summary and
/// <c>mrkdwn</c> fields), a <c>context</c> block, an <c>actions</c> block with a button to the dashboard, and the
/// fallback <c>text</c> for notifications. Respects Slack's limits (50 blocks, 150 characters of header, 10 fields of
/// 2,000 characters, 3,000 characters of section text).
/// </summary>
internal static class SlackPayload
{
    /// <summary>The most alerts given a section of their own; the others are counted in the context block.</summary>
    public const int MaxAlertSections = 20;

    public static JsonObject Create(AlertNotification notification, SlackChannelOptions options)
    {
        var title = NotificationText.Title(notification);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(NotificationText.Truncate(Icon(notification) + " " + title, 150)) },
        };
        if (notification.Description is { Length: > 0 } description)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(NotificationText.Truncate(Escape(description), 3000)) });
        }

        foreach (var alert in notification.Alerts.Take(MaxAlertSections)) blocks.Add(Section(alert));

        var context = $"PromptWatch · {NotificationText.Kind(notification.Kind)} · {NotificationText.Timestamp(notification.At)}";
        if (notification.Alerts.Count > MaxAlertSections) context += $" · {notification.Alerts.Count - MaxAlertSections} more alert(s) not shown";
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(Escape(context))) });
        if (notification.DashboardUrl is { } dashboard)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = "open_dashboard",
                    ["text"] = PlainText("Open dashboard"),
                    ["url"] = dashboard.AbsoluteUri,
                }),
            });
        }

        var message = new JsonObject { ["text"] = NotificationText.Truncate(title, 3000), ["blocks"] = blocks };
        if (options.Channel is { Length: > 0 } channel) message["channel"] = channel;
        if (options.Username is { Length: > 0 } username) message["username"] = username;
        return message;
    }

    private static JsonObject Section(Alert alert)
    {
        var fields = new JsonArray
        {
            Field("Severity", NotificationText.Severity(alert.Severity)),
            Field("State", NotificationText.State(alert.State)),
            Field("Started", NotificationText.Timestamp(alert.StartsAt)),
        };
        if (NotificationText.Value(alert.Value) is { } value) fields.Add(Field("Value", value));
        if (alert.Resolution is { } resolution) fields.Add(Field("Resolved", NotificationText.Timestamp(resolution.At)));
        if (alert.Labels.Count > 0) fields.Add(Field("Labels", NotificationText.Labels(alert.Labels)));
        var text = $"*{Escape(alert.Rule)}*: {Escape(alert.Summary)}";
        if (alert.Url is { } url) text += $" <{url.AbsoluteUri}|details>";
        return new JsonObject { ["type"] = "section", ["text"] = Markdown(NotificationText.Truncate(text, 3000)), ["fields"] = fields };
    }

    private static JsonObject Field(string name, string value) => Markdown(NotificationText.Truncate($"*{name}*\n{Escape(value)}", 2000));

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Icon(AlertNotification notification) => notification.Kind switch
    {
        AlertNotificationKind.Resolved => "✅",
        AlertNotificationKind.Test => "🧪",
        _ => NotificationText.TopSeverity(notification) switch
        {
            AlertSeverity.Critical => "🚨",
            AlertSeverity.Error => "🔴",
            AlertSeverity.Warning => "⚠️",
            _ => "ℹ️",
        },
    };

    // Slack's markup: &, < and > are escaped (https://api.slack.com/reference/surfaces/formatting#escaping).
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
