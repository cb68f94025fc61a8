using System.Text.Json.Nodes;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// The generic webhook's JSON: <c>kind</c>, <c>group_key</c>, <c>at</c>, <c>description</c>, <c>dashboard_url</c> and
/// <c>alerts</c> (each with <c>id</c>, <c>rule</c>, <c>severity</c>, <c>state</c>, <c>labels</c>, <c>summary</c>,
/// <c>value</c>, <c>starts_at</c>, <c>fired_at</c>, <c>url</c>).
/// </summary>
internal static class WebhookPayload
{
    public static JsonObject Create(AlertNotification notification) => new()
    {
        ["kind"] = NotificationText.Kind(notification.Kind),
        ["group_key"] = notification.GroupKey,
        ["at"] = NotificationText.Timestamp(notification.At),
        ["description"] = notification.Description,
        ["dashboard_url"] = notification.DashboardUrl?.AbsoluteUri,
        ["alerts"] = new JsonArray([.. notification.Alerts.Select(Alert)]),
    };

    private static JsonNode Alert(Alert alert) => new JsonObject
    {
        ["id"] = alert.Id,
        ["rule"] = alert.Rule,
        ["severity"] = NotificationText.Severity(alert.Severity),
        ["state"] = NotificationText.State(alert.State),
        ["labels"] = new JsonObject([.. alert.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal).Select(static l => KeyValuePair.Create<string, JsonNode?>(l.Key, l.Value))]),
        ["summary"] = alert.Summary,
        ["value"] = alert.Value,
        ["starts_at"] = NotificationText.Timestamp(alert.StartsAt),
        ["fired_at"] = alert.FiredAt is { } fired ? NotificationText.Timestamp(fired) : null,
        ["resolved_at"] = alert.Resolution is { } resolution ? NotificationText.Timestamp(resolution.At) : null,
        ["url"] = alert.Url?.AbsoluteUri,
    };
}
