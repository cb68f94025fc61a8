namespace PromptWatch.GitHub.Alerts;

/// <summary>An alert raised by a webhook delivery.</summary>
/// <param name="Kind"><c>sensitive_file</c>, <c>urgent_issue</c>, <c>build_failure</c>, or a host's own.</param>
/// <param name="Severity"><c>critical</c>, <c>high</c>...</param>
/// <param name="Repository">The repository's full name (<c>owner/name</c>).</param>
/// <param name="Message">A line for people.</param>
/// <param name="At">When the delivery that raised it was received.</param>
/// <param name="Delivery">The <c>X-GitHub-Delivery</c> id.</param>
public sealed record GitHubAlert(string Kind, string Severity, string Repository, string Message, DateTimeOffset At, string Delivery)
{
    /// <summary>The page of the commit, issue or run on GitHub, if known.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// What the alert is about besides its repository (<c>branch</c>, <c>workflow</c>, <c>default_branch</c>, <c>path</c>,
    /// <c>label</c>...): the labels of its alerting event, which rules filter and group on.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = GitHubAlertLabels.None;
}
