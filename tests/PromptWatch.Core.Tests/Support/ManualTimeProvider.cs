namespace PromptWatch.Tests.Support;

/// <summary>A clock that stands still until a test moves it.</summary>
/// <param name="start">The first time it reads.</param>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
