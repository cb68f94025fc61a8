using System.Net;
using System.Text;
using MimeKit;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// The email of a notification: subject <c>[SEVERITY] rule: summary</c> (<c>[RESOLVED]</c> or <c>[TEST]</c> before it),
/// a text and an HTML part listing each alert's severity, state, value, labels and times, with links to the alert's
/// page and to the dashboard.
/// </summary>
internal static class EmailMessage
{
    public static MimeMessage Create(AlertNotification notification, EmailChannelOptions options)
    {
        var message = new MimeMessage { Subject = NotificationText.Title(notification), Date = notification.At };
        message.From.Add(MailboxAddress.Parse(options.From!));
        message.To.AddRange(EmailAddresses.All(options.To));
        message.Headers.Add("X-PromptWatch-Group", notification.GroupKey.ReplaceLineEndings(" "));
        var body = new BodyBuilder { TextBody = Text(notification), HtmlBody = Html(notification) };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Text(AlertNotification notification)
    {
        var text = new StringBuilder();
        text.Append(NotificationText.Title(notification)).Append("\n\n");
        if (notification.Description is { Length: > 0 } description) text.Append(description).Append("\n\n");
        foreach (var alert in notification.Alerts)
        {
            text.Append(alert.Rule).Append(": ").Append(alert.Summary).Append('\n');
            foreach (var (name, value) in Facts(alert)) text.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
            text.Append('\n');
        }

        if (notification.DashboardUrl is { } dashboard) text.Append("Dashboard: ").Append(dashboard.AbsoluteUri).Append('\n');
        return text.ToString();
    }

    private static string Html(AlertNotification notification)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append("<h2>").Append(Encode(NotificationText.Title(notification))).Append("</h2>");
        if (notification.Description is { Length: > 0 } description) html.Append("<p>").Append(Encode(description)).Append("</p>");
        foreach (var alert in notification.Alerts)
        {
            html.Append("<h3>").Append(Encode(alert.Rule)).Append(": ").Append(Encode(alert.Summary)).Append("</h3><table>");
            foreach (var (name, value) in Facts(alert))
            {
                html.Append("<tr><th align=\"left\">").Append(Encode(name)).Append("</th><td>");
                html.Append(name == "Link" ? $"<a href=\"{Encode(value)}\">{Encode(value)}</a>" : Encode(value));
                html.Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (notification.DashboardUrl is { } dashboard)
        {
            html.Append("<p><a href=\"").Append(Encode(dashboard.AbsoluteUri)).Append("\">Open the dashboard</a></p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static IEnumerable<(string Name, string Value)> Facts(Alert alert)
    {
        yield return ("Severity", NotificationText.Severity(alert.Severity));
        yield return ("State", NotificationText.State(alert.State));
        if (NotificationText.Value(alert.Value) is { } value) yield return ("Value", value);
        if (alert.Labels.Count > 0) yield return ("Labels", NotificationText.Labels(alert.Labels));
        yield return ("Started", NotificationText.Timestamp(alert.StartsAt));
        if (alert.FiredAt is { } fired) yield return ("Fired", NotificationText.Timestamp(fired));
        if (alert.Resolution is { } resolution) yield return ("Resolved", NotificationText.Timestamp(resolution.At));
        if (alert.Url is { } url) yield return ("Link", url.AbsoluteUri);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
