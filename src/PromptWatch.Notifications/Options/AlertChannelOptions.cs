namespace PromptWatch.Notifications;

/// <summary>
/// The alert channels and how they deliver. Bound from the <c>PromptWatch:Alerting</c> configuration section (each
/// channel from its own sub-section, <c>PromptWatch:Alerting:Slack</c>...), then from code; validated when the host
/// starts. A channel is used when its address is set (<see cref="WebhookChannelOptions.Url"/>,
/// <see cref="SlackChannelOptions.WebhookUrl"/>, <see cref="DiscordChannelOptions.WebhookUrl"/>,
/// <see cref="EmailChannelOptions.Host"/>, <see cref="AlertmanagerChannelOptions.Url"/>).
/// </summary>
public sealed class AlertChannelOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "PromptWatch:Alerting";

    /// <summary>The generic JSON webhook (<c>PromptWatch:Alerting:Webhook</c>).</summary>
    public WebhookChannelOptions Webhook { get; } = new();

    /// <summary>The Slack incoming webhook (<c>PromptWatch:Alerting:Slack</c>).</summary>
    public SlackChannelOptions Slack { get; } = new();

    /// <summary>The Discord webhook (<c>PromptWatch:Alerting:Discord</c>).</summary>
    public DiscordChannelOptions Discord { get; } = new();

    /// <summary>Email over SMTP (<c>PromptWatch:Alerting:Email</c>).</summary>
    public EmailChannelOptions Email { get; } = new();

    /// <summary>Prometheus Alertmanager (<c>PromptWatch:Alerting:Alertmanager</c>).</summary>
    public AlertmanagerChannelOptions Alertmanager { get; } = new();

    /// <summary>Retries and timeouts of every channel's calls (<c>PromptWatch:Alerting:Delivery</c>).</summary>
    public AlertDeliveryOptions Delivery { get; } = new();
}
