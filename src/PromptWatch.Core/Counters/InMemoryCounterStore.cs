using PromptWatch.Diagnostics;

namespace PromptWatch.Counters;

/// <summary>An <see cref="ICounterStore"/> in this process's memory; expiry follows the given <see cref="TimeProvider"/>.</summary>
public sealed class InMemoryCounterStore : ICounterStore
{
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private int _writesSinceSweep;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for expiry; the system clock when <see langword="null"/>.</param>
    public InMemoryCounterStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many items (live or expired but not yet swept) the store holds.</summary>
    internal int ItemCount
    {
        get
        {
            lock (_lock) return _items.Count;
        }
    }

    /// <inheritdoc />
    public ValueTask<long> IncrementAsync(string name, long delta = 1, TimeSpan? expireAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = CounterActivities.Start("increment", "memory");
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            var item = Live(name, now) ?? new Item(0, expireAfter is { } ttl ? now + ttl : null);
            item = item with { Value = item.Value + delta };
            _items[name] = item;
            SweepNowAndThen(now);
            return ValueTask.FromResult(item.Value);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<string, long>> GetAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = CounterActivities.Start("get", "memory");
        var now = _timeProvider.GetUtcNow();
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var name in names) result[name] = Live(name, now)?.Value ?? 0;
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, long>>(result);
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = CounterActivities.Start("delete", "memory");
        lock (_lock)
        {
            foreach (var name in names) _items.Remove(name);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TrySetMarkerAsync(string name, TimeSpan expireAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = CounterActivities.Start("set_marker", "memory");
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (Live(name, now) is not null) return ValueTask.FromResult(false);
            _items[name] = new Item(1, now + expireAfter);
            SweepNowAndThen(now);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> ApplyOnceAsync(string marker, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default) =>
        await ApplyOnceAsync(marker, Guid.NewGuid().ToString("N"), markerLifetime, increments, cancellationToken).ConfigureAwait(false) == ApplyOnceOutcome.Applied;

    /// <inheritdoc />
    public ValueTask<ApplyOnceOutcome> ApplyOnceAsync(string marker, string attemptId, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentException.ThrowIfNullOrEmpty(attemptId);
        ArgumentNullException.ThrowIfNull(increments);
        foreach (var increment in increments) ArgumentNullException.ThrowIfNull(increment.Name, nameof(increments));
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = CounterActivities.Start("apply_once", "memory");
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (Live(marker, now) is { } set)
            {
                return ValueTask.FromResult(string.Equals(set.Attempt, attemptId, StringComparison.Ordinal) ? ApplyOnceOutcome.AppliedBySameAttempt : ApplyOnceOutcome.AlreadyApplied);
            }

            _items[marker] = new Item(1, now + markerLifetime, attemptId);
            foreach (var (name, delta, expireAfter) in increments)
            {
                var item = Live(name, now) ?? new Item(0, expireAfter is { } ttl ? now + ttl : null);
                _items[name] = item with { Value = item.Value + delta };
            }

            SweepNowAndThen(now);
            return ValueTask.FromResult(ApplyOnceOutcome.Applied);
        }
    }

    /// <summary>The item, or <see langword="null"/> (and removed) when it is missing or expired. Call under the lock.</summary>
    private Item? Live(string name, DateTimeOffset now)
    {
        if (!_items.TryGetValue(name, out var item)) return null;
        if (item.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            _items.Remove(name);
            return null;
        }

        return item;
    }

    /// <summary>Every 1,024 writes, drops expired items that nobody reads any more. Call under the lock.</summary>
    private void SweepNowAndThen(DateTimeOffset now)
    {
        if (++_writesSinceSweep < 1024) return;
        _writesSinceSweep = 0;
        foreach (var (name, item) in _items)
        {
            if (item.ExpiresAt is { } expiresAt && expiresAt <= now) _items.Remove(name);
        }
    }

    /// <summary>A counter's value, or a marker (value 1) with the attempt that set it by <see cref="ApplyOnceAsync(string, string, TimeSpan, IReadOnlyList{CounterIncrement}, CancellationToken)"/>.</summary>
    private readonly record struct Item(long Value, DateTimeOffset? ExpiresAt, string? Attempt = null);
}
