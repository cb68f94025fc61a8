using PromptWatch.Counters;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// An in-memory store that throws, as a Redis client does while the server is down, for as long as
/// <see cref="Failing"/> is set (writes and reads alike).
/// </summary>
public sealed class FlakyCounterStore(TimeProvider? timeProvider = null) : ICounterStore
{
    private readonly InMemoryCounterStore _inner = new(timeProvider);
    private int _failures;
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int Failures => Volatile.Read(ref _failures);

    private void ThrowIfFailing()
    {
        if (!Failing) return;
        Interlocked.Increment(ref _failures);
        throw new InvalidOperationException("The store is down.");
    }

    public ValueTask<long> IncrementAsync(string name, long delta = 1, TimeSpan? expireAfter = null, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return _inner.IncrementAsync(name, delta, expireAfter, cancellationToken);
    }

    public ValueTask<IReadOnlyDictionary<string, long>> GetAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return _inner.GetAsync(names, cancellationToken);
    }

    public ValueTask DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return _inner.DeleteAsync(names, cancellationToken);
    }

    public ValueTask<bool> TrySetMarkerAsync(string name, TimeSpan expireAfter, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return _inner.TrySetMarkerAsync(name, expireAfter, cancellationToken);
    }

    public ValueTask<bool> ApplyOnceAsync(string marker, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return _inner.ApplyOnceAsync(marker, markerLifetime, increments, cancellationToken);
    }

    public ValueTask<ApplyOnceOutcome> ApplyOnceAsync(string marker, string attemptId, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return _inner.ApplyOnceAsync(marker, attemptId, markerLifetime, increments, cancellationToken);
    }
}
