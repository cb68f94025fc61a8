using Microsoft.Extensions.Logging;

namespace PromptWatch.Alerting.Notifications;

/// <summary>The <c>log</c> channel: writes each notification to the host's log (always configured).</summary>
internal sealed partial class LogAlertChannel(ILogger<LogAlertChannel> logger) : IAlertChannel
{
    /// <summary>The channel's name.</summary>
    public const string ChannelName = "log";

    public string Name => ChannelName;

    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var alert in notification.Alerts)
        {
            LogAlert(logger, notification.Kind, alert.Rule, AlertText.Severity(alert.Severity), AlertText.State(alert.State), alert.Summary, alert.Id);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Alert {Kind}: {Rule} ({Severity}, {State}): {Summary} [alert {AlertId}]")]
    private static partial void LogAlert(ILogger logger, AlertNotificationKind kind, string rule, string severity, string state, string summary, string alertId);
}
