namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>The query parameters of the alert routes that take any (see <see cref="AcceptedQuery"/>).</summary>
internal static class AlertQueries
{
    public static AcceptedQuery Alerts { get; } = new(
    [
        new("state", "string", "Only alerts in this state.", ["pending", "firing", "acknowledged", "resolved", "suppressed"]),
        new("severity", "string", "Only alerts of this severity.", ["info", "warning", "error", "critical"]),
        new("rule", "string", "Only alerts of this rule (its name)."),
        new("limit", "integer", "The most alerts to return, 1 to 1000; 200 without it."),
    ]);

    public static AcceptedQuery History { get; } = new(
    [
        new("limit", "integer", "The most entries to return, 1 to 1000; 100 without it."),
        new("rule", "string", "Only entries of this rule (its name)."),
        new("alert", "string", "Only entries of this alert (its id)."),
    ]);
}
