namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// An in-memory store that throws, as a Redis client does while the server is down, for as long as
/// <see cref="Failing"/> is set (writes and reads alike).
/// </summary>
public sealed class FlakyCounterStore(TimeProvider? timeProvider = null) : DelegatingCounterStore(timeProvider)
{
    private int _failures;
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int Failures => Volatile.Read(ref _failures);

    protected override void BeforeCall(string? marker)
    {
        if (!Failing) return;
        Interlocked.Increment(ref _failures);
        throw new InvalidOperationException("The store is down.");
    }
}
