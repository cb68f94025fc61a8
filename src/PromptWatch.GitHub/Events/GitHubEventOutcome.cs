using PromptWatch.GitHub.Alerts;

namespace PromptWatch.GitHub.Events;

/// <summary>What processing one delivery decided: counter increments and alerts. Applied once per delivery.</summary>
public sealed class GitHubEventOutcome
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<GitHubAlertDraft> _alerts = [];

    /// <summary>The counters to add to, with their amounts.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>The alerts to raise.</summary>
    public IReadOnlyList<GitHubAlertDraft> Alerts => _alerts;

    /// <summary>Adds <paramref name="delta"/> to a counter.</summary>
    /// <param name="counter">The counter, for example <c>commits</c>.</param>
    /// <param name="delta">How much; 0 does nothing.</param>
    public void Count(string counter, long delta = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(counter);
        if (delta == 0) return;
        _counts[counter] = _counts.GetValueOrDefault(counter) + delta;
    }

    /// <summary>Raises an alert.</summary>
    /// <param name="kind">What it is about, for example <c>sensitive_file</c>.</param>
    /// <param name="severity"><c>critical</c>, <c>high</c>, <c>warning</c>...</param>
    /// <param name="repository">The repository's full name.</param>
    /// <param name="message">A line for people.</param>
    public void Alert(string kind, string severity, string? repository, string message) => Alert(kind, severity, repository, message, url: null);

    /// <summary>Raises an alert that links to what it is about.</summary>
    /// <param name="kind">What it is about, for example <c>sensitive_file</c>.</param>
    /// <param name="severity"><c>critical</c>, <c>high</c>, <c>warning</c>...</param>
    /// <param name="repository">The repository's full name.</param>
    /// <param name="message">A line for people.</param>
    /// <param name="url">The page of the commit, issue or run on GitHub, if known.</param>
    public void Alert(string kind, string severity, string? repository, string message, string? url) => Alert(kind, severity, repository, message, url, labels: null);

    /// <summary>Raises an alert with labels that describe it, for the alerting engine's rules to filter and group on.</summary>
    /// <param name="kind">What it is about, for example <c>sensitive_file</c>.</param>
    /// <param name="severity"><c>critical</c>, <c>high</c>, <c>warning</c>...</param>
    /// <param name="repository">The repository's full name (the <c>repository</c> label).</param>
    /// <param name="message">A line for people.</param>
    /// <param name="url">The page of the commit, issue or run on GitHub, if known.</param>
    /// <param name="labels">Further labels (<c>branch</c>, <c>workflow</c>, <c>path</c>, <c>label</c>...); empty values are left out.</param>
    public void Alert(string kind, string severity, string? repository, string message, string? url, IReadOnlyDictionary<string, string?>? labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(severity);
        ArgumentNullException.ThrowIfNull(message);
        _alerts.Add(new GitHubAlertDraft(kind, severity, repository ?? string.Empty, message)
        {
            Url = string.IsNullOrWhiteSpace(url) ? null : url,
            Labels = GitHubAlertLabels.Of(labels),
        });
    }
}

/// <summary>An alert before it is stamped with its time and delivery.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Severity">How serious.</param>
/// <param name="Repository">The repository's full name.</param>
/// <param name="Message">A line for people.</param>
public sealed record GitHubAlertDraft(string Kind, string Severity, string Repository, string Message)
{
    /// <summary>The page of the commit, issue or run on GitHub, if known.</summary>
    public string? Url { get; init; }

    /// <summary>What the alert is about besides its repository (<c>branch</c>, <c>path</c>, <c>label</c>...).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = GitHubAlertLabels.None;
}
