namespace PromptWatch.GitHub;

/// <summary>
/// The dashboard's list of alerts. Notifications go through the alerting engine's channels
/// (<c>PromptWatch:Alerting:Webhook:Url</c>, <c>PromptWatch:Alerting:Slack:WebhookUrl</c>...).
/// </summary>
public sealed class GitHubAlertOptions
{
    /// <summary>How many alerts the dashboard lists (kept in this host's memory). Default 100.</summary>
    public int Keep { get; set; } = 100;
}
