namespace PromptWatch.GitHub.Alerts;

/// <summary>
/// Somewhere alerts go (a chat, a pager). Sinks are called off the request path, one alert at a time, with
/// the configured timeout per attempt and retries; an exception is a failed attempt.
/// </summary>
public interface IGitHubAlertSink
{
    /// <summary>A short name for logs and metrics (never a URL).</summary>
    string Name { get; }

    /// <summary>Delivers one alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Ends the attempt (timeout or shutdown).</param>
    /// <returns>A task that completes when the alert was accepted.</returns>
    Task SendAsync(GitHubAlert alert, CancellationToken cancellationToken);
}
