using Microsoft.Extensions.Logging;

namespace PromptWatch.Notifications;

/// <summary>The alert channels' log messages. None carries a channel's URL, a header value or a password.</summary>
internal static partial class ChannelLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Sent a {Kind} notification of {AlertCount} alert(s) (group {GroupKey}) to the {Channel} channel in {ElapsedMilliseconds} ms")]
    public static partial void Sent(ILogger logger, string channel, string kind, int alertCount, string groupKey, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Sending a {Kind} notification (group {GroupKey}) to the {Channel} channel failed after {ElapsedMilliseconds} ms: {Reason}")]
    public static partial void Failed(ILogger logger, string channel, string kind, string groupKey, long elapsedMilliseconds, string reason);
}
