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

    /// <summary>Whether the channel is configured.</summary>
    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Shows whether it is set, never the URL.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() => $"Url={(IsConfigured ? "(set)" : "(not set)")}, FiringEndsAfter={FiringEndsAfter}";
}
