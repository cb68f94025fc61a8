namespace PromptWatch.Alerting;

/// <summary>
/// The condition of an event rule: events of one <see cref="Kind"/> (see <see cref="AlertEventKinds"/>) whose labels
/// match <see cref="Filter"/>. Each distinct set of <see cref="GroupBy"/> label values is its own alert.
/// </summary>
public sealed record EventCondition
{
    /// <summary>The event kind, for example <see cref="AlertEventKinds.BuildFailure"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Label name to a pattern its value must match (a regular expression matched in linear time, anchored).</summary>
    public IReadOnlyDictionary<string, string> Filter { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The labels whose values make separate alerts; none: the event's own labels do.</summary>
    public IReadOnlyList<string>? GroupBy { get; init; }

    /// <summary>
    /// For conditions that last (a refresh failing, a store failing): how many events in a row must report it before
    /// the alert fires; an event that clears it (<see cref="AlertEvent.Clears"/>) resolves the alert.
    /// </summary>
    public int Occurrences { get; init; } = 1;
}
