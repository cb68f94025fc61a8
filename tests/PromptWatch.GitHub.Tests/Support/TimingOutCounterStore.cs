using PromptWatch.Counters;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// An in-memory store whose first <c>ApplyOnceAsync</c> carries the call out and then throws, as a Redis call does that
/// the server executed but whose answer came after the client's time-out.
/// </summary>
public sealed class TimingOutCounterStore : ICounterStore
{
    private readonly InMemoryCounterStore _inner = new();
    private int _applyCalls;

    public int ApplyCalls => Volatile.Read(ref _applyCalls);

    public ValueTask<long> IncrementAsync(string name, long delta = 1, TimeSpan? expireAfter = null, CancellationToken cancellationToken = default) =>
        _inner.IncrementAsync(name, delta, expireAfter, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, long>> GetAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        _inner.GetAsync(names, cancellationToken);

    public ValueTask DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(names, cancellationToken);

    public ValueTask<bool> TrySetMarkerAsync(string name, TimeSpan expireAfter, CancellationToken cancellationToken = default) =>
        _inner.TrySetMarkerAsync(name, expireAfter, cancellationToken);

    public async ValueTask<bool> ApplyOnceAsync(string marker, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        var applied = await _inner.ApplyOnceAsync(marker, markerLifetime, increments, cancellationToken);
        ThrowOnFirstCall();
        return applied;
    }

    public async ValueTask<ApplyOnceOutcome> ApplyOnceAsync(string marker, string attemptId, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        var outcome = await _inner.ApplyOnceAsync(marker, attemptId, markerLifetime, increments, cancellationToken);
        ThrowOnFirstCall();
        return outcome;
    }

    private void ThrowOnFirstCall()
    {
        if (Interlocked.Increment(ref _applyCalls) == 1) throw new TimeoutException("The store did not answer in time (it carried the call out).");
    }
}
