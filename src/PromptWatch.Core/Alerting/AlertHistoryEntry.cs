namespace PromptWatch.Alerting;

/// <summary>
/// One line of the alert history: a transition of an alert, or one attempt to notify a channel. Never holds a secret
/// (a channel's URL or password); errors are described by their kind and status.
/// </summary>
public sealed record AlertHistoryEntry
{
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>A transition or a notification attempt.</summary>
    public AlertHistoryKind Kind { get; init; }

    /// <summary>The alert.</summary>
    public required string AlertId { get; init; }

    /// <summary>The alert's rule.</summary>
    public required string Rule { get; init; }

    /// <summary>The alert's severity.</summary>
    public AlertSeverity Severity { get; init; }

    /// <summary>For a transition: the state before (none for a new alert).</summary>
    public AlertState? From { get; init; }

    /// <summary>For a transition: the state after; for a notification: the state it announced.</summary>
    public AlertState? To { get; init; }

    /// <summary>For a notification: the channel's name.</summary>
    public string? Channel { get; init; }

    /// <summary>For a notification: <c>sent</c>, <c>failed</c>, <c>suppressed</c>, <c>rate_limited</c> or <c>cooldown</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>For a failed notification: what went wrong, without secrets.</summary>
    public string? Error { get; init; }

    /// <summary>Who caused a manual transition (acknowledge, resolve).</summary>
    public string? By { get; init; }

    /// <summary>A comment given with a manual transition.</summary>
    public string? Comment { get; init; }
}

/// <summary>What an <see cref="AlertHistoryEntry"/> records.</summary>
public enum AlertHistoryKind
{
    /// <summary>An alert changed state.</summary>
    Transition,

    /// <summary>A channel was (or was not) notified.</summary>
    Notification,
}

/// <summary>Which history entries to read, newest first.</summary>
/// <param name="Limit">The most entries to return.</param>
/// <param name="Rule">Only those of this rule.</param>
/// <param name="AlertId">Only those of this alert.</param>
/// <param name="Since">Only those at or after this time.</param>
public sealed record AlertHistoryQuery(int Limit = 100, string? Rule = null, string? AlertId = null, DateTimeOffset? Since = null);
