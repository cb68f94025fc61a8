using PromptWatch.Counters;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A counter store over an <see cref="InMemoryCounterStore"/>: every call goes through <see cref="BeforeCall"/>
/// (where a failing store throws) and the apply-once calls through <see cref="AfterApply"/> (where a store that carried
/// the call out can still throw, as one that answered too late).
/// </summary>
public abstract class DelegatingCounterStore(TimeProvider? timeProvider = null) : ICounterStore
{
    private readonly InMemoryCounterStore _inner = new(timeProvider);

    /// <summary>Called before every call; <paramref name="marker"/> is the apply-once marker, or null.</summary>
    protected virtual void BeforeCall(string? marker)
    {
    }

    /// <summary>Called after an apply-once call was carried out by the in-memory store.</summary>
    protected virtual void AfterApply()
    {
    }

    public ValueTask<long> IncrementAsync(string name, long delta = 1, TimeSpan? expireAfter = null, CancellationToken cancellationToken = default)
    {
        BeforeCall(null);
        return _inner.IncrementAsync(name, delta, expireAfter, cancellationToken);
    }

    public ValueTask<IReadOnlyDictionary<string, long>> GetAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        BeforeCall(null);
        return _inner.GetAsync(names, cancellationToken);
    }

    public ValueTask DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        BeforeCall(null);
        return _inner.DeleteAsync(names, cancellationToken);
    }

    public ValueTask<bool> TrySetMarkerAsync(string name, TimeSpan expireAfter, CancellationToken cancellationToken = default)
    {
        BeforeCall(null);
        return _inner.TrySetMarkerAsync(name, expireAfter, cancellationToken);
    }

    public async ValueTask<bool> ApplyOnceAsync(string marker, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        BeforeCall(marker);
        var applied = await _inner.ApplyOnceAsync(marker, markerLifetime, increments, cancellationToken);
        AfterApply();
        return applied;
    }

    public async ValueTask<ApplyOnceOutcome> ApplyOnceAsync(string marker, string attemptId, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        BeforeCall(marker);
        var outcome = await _inner.ApplyOnceAsync(marker, attemptId, markerLifetime, increments, cancellationToken);
        AfterApply();
        return outcome;
    }
}
