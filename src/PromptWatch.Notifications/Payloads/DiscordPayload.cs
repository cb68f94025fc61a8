using System.Text;
using System.Text.Json.Nodes;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// A Discord webhook message with one embed: <c>title</c> (256 characters at most), <c>description</c> (the alerts'
/// summaries, 4,096 at most), <c>url</c>, <c>color</c> by severity (green once resolved), <c>timestamp</c> (ISO 8601),
/// up to 25 <c>fields</c> (names 256, values 1,024 characters), a <c>footer</c>, within Discord's 6,000 characters per
/// message.
/// </summary>
internal static class DiscordPayload
{
    public const int MaxTitle = 256;
    public const int MaxDescription = 4096;
    public const int MaxFields = 25;
    public const int MaxFieldName = 256;
    public const int MaxFieldValue = 1024;
    public const int MaxTotal = 6000;
    private const string Footer = "PromptWatch";

    /// <summary>The characters of the 6,000 kept for the description when fields would take them all.</summary>
    private const int DescriptionReserve = 1000;

    public static JsonObject Create(AlertNotification notification, DiscordChannelOptions options)
    {
        var title = NotificationText.Truncate(NotificationText.Title(notification), MaxTitle);
        var fields = Fields(notification, MaxTotal - title.Length - Footer.Length - DescriptionReserve);
        var used = title.Length + Footer.Length + fields.Sum(static f => f.Name.Length + f.Value.Length);
        var description = NotificationText.Truncate(Description(notification), Math.Max(1, Math.Min(MaxDescription, MaxTotal - used)));
        var embed = new JsonObject
        {
            ["title"] = title,
            ["description"] = description,
            ["color"] = Color(notification),
            ["timestamp"] = NotificationText.Timestamp(notification.At),
            ["fields"] = new JsonArray([.. fields.Select(static f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value, ["inline"] = f.Inline })]),
            ["footer"] = new JsonObject { ["text"] = Footer },
        };
        if ((notification.DashboardUrl ?? (notification.Alerts.Count > 0 ? notification.Alerts[0].Url : null)) is { } url) embed["url"] = url.AbsoluteUri;
        var message = new JsonObject { ["embeds"] = new JsonArray(embed), ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } };
        if (options.Username is { Length: > 0 } username) message["username"] = NotificationText.Truncate(username, 80);
        return message;
    }

    /// <summary>The embed's colour: green once resolved, grey for a test, else by the most severe alert.</summary>
    public static int Color(AlertNotification notification) => notification.Kind switch
    {
        AlertNotificationKind.Resolved => 0x2ECC71,
        AlertNotificationKind.Test => 0x95A5A6,
        _ => NotificationText.TopSeverity(notification) switch
        {
            AlertSeverity.Critical => 0x992D22,
            AlertSeverity.Error => 0xE74C3C,
            AlertSeverity.Warning => 0xF1C40F,
            _ => 0x3498DB,
        },
    };

    private static string Description(AlertNotification notification)
    {
        var text = new StringBuilder();
        if (notification.Description is { Length: > 0 } description) text.AppendLine(description).AppendLine();
        foreach (var alert in notification.Alerts)
        {
            text.Append("• **").Append(alert.Rule).Append("**: ").Append(alert.Summary);
            if (alert.Url is { } url) text.Append(" (").Append(url.AbsoluteUri).Append(')');
            text.AppendLine();
        }

        if (notification.DashboardUrl is { } dashboard) text.AppendLine().Append("Dashboard: ").Append(dashboard.AbsoluteUri);
        return text.ToString().TrimEnd();
    }

    /// <summary>The embed's fields, at most 25 and at most <paramref name="budget"/> characters in all.</summary>
    private static List<(string Name, string Value, bool Inline)> Fields(AlertNotification notification, int budget)
    {
        var fields = new List<(string, string, bool)>();
        if (notification.Alerts.Count == 0) return fields;
        var first = notification.Alerts[0];
        Add("Severity", NotificationText.Severity(NotificationText.TopSeverity(notification)), true);
        Add("State", NotificationText.State(first.State), true);
        Add("Alerts", notification.Alerts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), true);
        if (NotificationText.Value(first.Value) is { } value) Add("Value", value, true);
        Add("Started", NotificationText.Timestamp(first.StartsAt), true);
        if (first.Resolution is { } resolution) Add("Resolved", NotificationText.Timestamp(resolution.At), true);
        foreach (var label in first.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            if (fields.Count == MaxFields) break;
            Add(label.Key, label.Value, true);
        }

        return fields;

        void Add(string name, string value, bool inline)
        {
            var fieldName = NotificationText.Truncate(name.Length == 0 ? "-" : name, MaxFieldName);
            var room = Math.Min(MaxFieldValue, budget - fieldName.Length);
            if (room < 2) return;
            var fieldValue = NotificationText.Truncate(value.Length == 0 ? "-" : value, room);
            budget -= fieldName.Length + fieldValue.Length;
            fields.Add((fieldName, fieldValue, inline));
        }
    }
}
