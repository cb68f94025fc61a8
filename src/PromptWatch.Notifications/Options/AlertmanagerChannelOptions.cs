namespace PromptWatch.Notifications;

/// <summary>The Alertmanager channel (<c>alertmanager</c>): alerts and their resolutions through Alertmanager's v2 API.</summary>
public sealed class AlertmanagerChannelOptions
{
    /// <summary>
    /// Alertmanager's base URL (<c>http://alertmanager:9093</c>); alerts are POSTed to <c>{Url}/api/v2/alerts</c>. Treated
    /// as a secret (it may hold credentials). Unset: no Alertmanager channel.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// The <c>endsAt</c> a firing alert is sent with, from the time it is sent: Alertmanager resolves it then unless it
    /// is sent again. Unset (the default): <c>endsAt</c> is left out and Alertmanager applies its own
    /// <c>resolve_timeout</c> (5 minutes by default). A resolution is always sent with its resolution time.
    /// </summary>
    public TimeSpan? FiringEndsAfter { get; set; }

    /// <summary>
    /// How often firing alerts are sent again while they fire (default 1 minute, as Prometheus re-sends): Alertmanager
    /// resolves an alert it has not heard of within its <c>resolve_timeout</c> or the <c>endsAt</c> it was sent with.
    /// Must be shorter than <see cref="FiringEndsAfter"/> when that is set; between 5 seconds and 1 hour.
    /// </summary>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the channel is configured.</summary>
    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Shows whether it is set, never the URL.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() => $"Url={(IsConfigured ? "(set)" : "(not set)")}, FiringEndsAfter={FiringEndsAfter}, RepeatInterval={RepeatInterval}";
}
