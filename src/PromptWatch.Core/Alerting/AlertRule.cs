namespace PromptWatch.Alerting;

/// <summary>
/// One alert rule: either a <see cref="Metric"/> condition or an <see cref="Event"/> condition, with what an alert of
/// it says, whom it notifies and how often.
/// </summary>
public sealed record AlertRule
{
    /// <summary>The rule's id: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>; the <c>alertname</c> label of its alerts.</summary>
    public required string Name { get; init; }

    /// <summary>A sentence for people: what it means and what to do.</summary>
    public string? Description { get; init; }

    /// <summary>How urgent its alerts are.</summary>
    public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;

    /// <summary>Labels every alert of the rule carries (team, service...).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The channels its notifications go to, by name; none: every configured channel.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>The least time between two notifications of one alert group; none: the engine's default.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>The most notifications per hour for this rule and for each of its channels; none: the engine's default.</summary>
    public int? MaxNotificationsPerHour { get; init; }

    /// <summary>A firing alert resolves itself this long after its last breach; none: only when the condition clears or by hand.</summary>
    public TimeSpan? AutoResolveAfter { get; init; }

    /// <summary>Whether the rule is evaluated.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The metric condition, or <see langword="null"/> for an event rule.</summary>
    public MetricCondition? Metric { get; init; }

    /// <summary>The event condition, or <see langword="null"/> for a metric rule.</summary>
    public EventCondition? Event { get; init; }
}
