namespace PromptWatch.Notifications;

/// <summary>The Slack channel (<c>slack</c>): notifications as Block Kit messages through an incoming webhook.</summary>
public sealed class SlackChannelOptions
{
    /// <summary>The incoming webhook's URL (<c>https://hooks.slack.com/services/...</c>). A secret. Unset: no Slack channel.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>A channel to post in instead of the webhook's own (honoured by legacy webhooks only).</summary>
    public string? Channel { get; set; }

    /// <summary>A user name to post as instead of the webhook's own (honoured by legacy webhooks only).</summary>
    public string? Username { get; set; }

    /// <summary>Whether the channel is configured.</summary>
    internal bool IsConfigured => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>Shows whether it is set, never the URL.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() => $"WebhookUrl={(IsConfigured ? "(set)" : "(not set)")}, Channel={Channel}, Username={Username}";
}
