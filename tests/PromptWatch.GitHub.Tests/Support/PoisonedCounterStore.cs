namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// An in-memory store that fails every <c>ApplyOnceAsync</c> for the delivery ids it is given, as a store fails a
/// command it can never carry out (a Redis Cluster endpoint's CROSSSLOT): permanently, or as an outage when
/// <see cref="Permanent"/> is off.
/// </summary>
public sealed class PoisonedCounterStore(params string[] poisoned) : DelegatingCounterStore
{
    private int _failures;

    public bool Permanent { get; init; } = true;

    public int Failures => Volatile.Read(ref _failures);

    protected override void BeforeCall(string? marker)
    {
        if (marker is null || !poisoned.Any(id => marker.EndsWith(":" + id, StringComparison.Ordinal))) return;
        Interlocked.Increment(ref _failures);
        throw new PromptWatchException("Could not apply increments once in the store: the server answered an error: CROSSSLOT Keys in request don't hash to the same slot.") { IsPermanent = Permanent };
    }
}
