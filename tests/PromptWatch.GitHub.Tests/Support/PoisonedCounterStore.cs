using PromptWatch.Counters;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// An in-memory store that fails every <c>ApplyOnceAsync</c> for the delivery ids it is given, as a store fails a
/// command it can never carry out (a Redis Cluster endpoint's CROSSSLOT): permanently, or as an outage when
/// <see cref="Permanent"/> is off.
/// </summary>
public sealed class PoisonedCounterStore(params string[] poisoned) : ICounterStore
{
    private readonly InMemoryCounterStore _inner = new();
    private int _failures;

    public bool Permanent { get; init; } = true;

    public int Failures => Volatile.Read(ref _failures);

    public ValueTask<long> IncrementAsync(string name, long delta = 1, TimeSpan? expireAfter = null, CancellationToken cancellationToken = default) =>
        _inner.IncrementAsync(name, delta, expireAfter, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, long>> GetAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        _inner.GetAsync(names, cancellationToken);

    public ValueTask DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(names, cancellationToken);

    public ValueTask<bool> TrySetMarkerAsync(string name, TimeSpan expireAfter, CancellationToken cancellationToken = default) =>
        _inner.TrySetMarkerAsync(name, expireAfter, cancellationToken);

    public ValueTask<bool> ApplyOnceAsync(string marker, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        ThrowIfPoisoned(marker);
        return _inner.ApplyOnceAsync(marker, markerLifetime, increments, cancellationToken);
    }

    public ValueTask<ApplyOnceOutcome> ApplyOnceAsync(string marker, string attemptId, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        ThrowIfPoisoned(marker);
        return _inner.ApplyOnceAsync(marker, attemptId, markerLifetime, increments, cancellationToken);
    }

    private void ThrowIfPoisoned(string marker)
    {
        if (!poisoned.Any(id => marker.EndsWith(":" + id, StringComparison.Ordinal))) return;
        Interlocked.Increment(ref _failures);
        throw new PromptWatchException("Could not apply increments once in the store: the server answered an error: CROSSSLOT Keys in request don't hash to the same slot.") { IsPermanent = Permanent };
    }
}
