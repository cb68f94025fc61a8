namespace PromptWatch.Alerting;

/// <summary>The lower-case words the engine writes for states, severities and outcomes (labels, history, metrics).</summary>
internal static class AlertText
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Suppressed = "suppressed";
    public const string RateLimited = "rate_limited";
    public const string Cooldown = "cooldown";

    public static string State(AlertState state) => state switch
    {
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Resolved => "resolved",
        AlertState.Suppressed => "suppressed",
        _ => "unknown",
    };

    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Error => "error",
        AlertSeverity.Critical => "critical",
        _ => "unknown",
    };
}
