namespace PromptWatch.GitHub;

/// <summary>Alert sinks: a generic JSON webhook and a Slack incoming webhook.</summary>
public sealed class GitHubAlertOptions
{
    /// <summary>A URL that receives each alert as a JSON object by POST. A secret: never logged.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>A Slack incoming-webhook URL. A secret: never logged.</summary>
    public string? SlackWebhookUrl { get; set; }

    /// <summary>How long one attempt to deliver an alert may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a failed delivery is tried again. Default 3.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles after each. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many alerts the dashboard lists (kept in this host's memory). Default 100.</summary>
    public int Keep { get; set; } = 100;

    /// <summary>How many alerts may wait for the sinks; more are dropped with a log entry. Default 1000.</summary>
    public int QueueCapacity { get; set; } = 1000;
}
