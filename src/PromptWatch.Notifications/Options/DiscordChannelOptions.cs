namespace PromptWatch.Notifications;

/// <summary>The Discord channel (<c>discord</c>): notifications as embeds through a channel webhook.</summary>
public sealed class DiscordChannelOptions
{
    /// <summary>The webhook's URL (<c>https://discord.com/api/webhooks/...</c>). A secret. Unset: no Discord channel.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The name to post as instead of the webhook's own.</summary>
    public string? Username { get; set; }

    /// <summary>Whether the channel is configured.</summary>
    internal bool IsConfigured => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>Shows whether it is set, never the URL.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() => $"WebhookUrl={(IsConfigured ? "(set)" : "(not set)")}, Username={Username}";
}
