namespace PromptWatch.Notifications;

/// <summary>The generic JSON webhook channel (<c>webhook</c>): each notification is POSTed to <see cref="Url"/> as JSON.</summary>
public sealed class WebhookChannelOptions
{
    /// <summary>The absolute http(s) URL to POST to. A secret: it never appears in logs or messages. Unset: no webhook channel.</summary>
    public string? Url { get; set; }

    /// <summary>Headers sent with every request (an <c>Authorization</c> token...). Their values are secrets.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the channel is configured.</summary>
    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Shows whether it is set and which headers are sent, never the URL or a header's value.</summary>
    /// <returns>A text without secrets.</returns>
    public override string ToString() =>
        $"Url={(IsConfigured ? "(set)" : "(not set)")}, Headers=[{string.Join(", ", Headers.Keys.Order(StringComparer.OrdinalIgnoreCase))}]";
}
