namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// The default clock of a test host: real elapsed time and real timers, but a date that starts at
/// <see cref="Start"/> (a Wednesday, 12:00 UTC), so that a test's pushes and reads never fall on both sides
/// of an hour's end or of Monday 00:00, whenever the suite runs.
/// </summary>
internal sealed class MidWeekClock : TimeProvider
{
    /// <summary>What the clock reads when it is made.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    private readonly long _made = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => Start + System.GetElapsedTime(_made);
}
