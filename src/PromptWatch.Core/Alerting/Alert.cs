namespace PromptWatch.Alerting;

/// <summary>
/// One alert: a rule's condition for one set of labels, from its first breach to its resolution. Immutable; each
/// transition is a new value with a higher <see cref="Version"/>.
/// </summary>
public sealed record Alert
{
    /// <summary>The alert's id, stable for its lifetime.</summary>
    public required string Id { get; init; }

    /// <summary>The rule's name.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's severity when it fired.</summary>
    public AlertSeverity Severity { get; init; }

    /// <summary>Where it is in its lifecycle.</summary>
    public AlertState State { get; init; }

    /// <summary>The rule's labels, the grouping labels and <c>alertname</c>; they identify the alert among the rule's.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>A line for people: what breached, with the value.</summary>
    public required string Summary { get; init; }

    /// <summary>The measured value of the last evaluation (metric rules).</summary>
    public double? Value { get; init; }

    /// <summary>A page about it (the run, the commit), if any.</summary>
    public Uri? Url { get; init; }

    /// <summary>When the condition was first seen.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When it fired, once it has.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    /// <summary>When the condition was last seen holding.</summary>
    public DateTimeOffset LastBreachAt { get; init; }

    /// <summary>How many evaluations (or events) in a row found the condition holding.</summary>
    public int Breaches { get; init; }

    /// <summary>
    /// The engine (one per host process) that counted the last breach of a metric rule: replicas sharing the store evaluate
    /// each on its own tick, and another engine's breach soon after it is the same breach, not one more.
    /// </summary>
    public string? LastBreachBy { get; init; }

    /// <summary>Who took it on, once someone has.</summary>
    public AlertAcknowledgement? Acknowledgement { get; init; }

    /// <summary>How it ended, once it has.</summary>
    public AlertResolution? Resolution { get; init; }

    /// <summary>The silence that suppresses it, while one does.</summary>
    public string? SilencedBy { get; init; }

    /// <summary>The store's version of this value: 0 before it was first saved (see <see cref="IAlertStore.TrySaveAlertAsync"/>).</summary>
    public long Version { get; init; }
}

/// <summary>Who acknowledged an alert, when, and why.</summary>
/// <param name="By">The user's name.</param>
/// <param name="At">When.</param>
/// <param name="Comment">What they said, if anything.</param>
public sealed record AlertAcknowledgement(string By, DateTimeOffset At, string? Comment);

/// <summary>How an alert was resolved.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">The user who resolved it by hand; <see langword="null"/> otherwise.</param>
/// <param name="Comment">What they said, if anything.</param>
public sealed record AlertResolution(AlertResolutionReason Reason, DateTimeOffset At, string? By, string? Comment);

/// <summary>Why an alert was resolved.</summary>
public enum AlertResolutionReason
{
    /// <summary>The condition no longer holds.</summary>
    Cleared,

    /// <summary>Someone resolved it.</summary>
    Manual,

    /// <summary>The rule's auto-resolve time passed since its last breach.</summary>
    AutoResolved,
}
