namespace PromptWatch.Alerting;

/// <summary>
/// Suppresses the alerts whose labels match every matcher between <see cref="StartsAt"/> and <see cref="EndsAt"/>,
/// as an Alertmanager silence does. A suppressed alert notifies nobody.
/// </summary>
public sealed record Silence
{
    /// <summary>The silence's id.</summary>
    public required string Id { get; init; }

    /// <summary>What it matches; every matcher must match.</summary>
    public required IReadOnlyList<LabelMatcher> Matchers { get; init; }

    /// <summary>When it starts.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When it ends (set to now when it is expired by hand).</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>Who made it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Why.</summary>
    public string Comment { get; init; } = string.Empty;

    /// <summary>Whether it is in force at <paramref name="now"/>.</summary>
    /// <param name="now">The time.</param>
    /// <returns><see langword="true"/> between its start (inclusive) and its end (exclusive).</returns>
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;
}

/// <summary>One condition on a label: <c>name=value</c>, <c>!=</c>, <c>=~</c> (regular expression, anchored) or <c>!~</c>.</summary>
/// <param name="Name">The label.</param>
/// <param name="Value">The value or the pattern.</param>
/// <param name="IsRegex">Whether <paramref name="Value"/> is a pattern (matched in linear time).</param>
/// <param name="IsEqual"><see langword="false"/> for the negated forms.</param>
public sealed record LabelMatcher(string Name, string Value, bool IsRegex = false, bool IsEqual = true);
