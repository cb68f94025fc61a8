namespace PromptWatch.AspNetCore;

/// <summary>
/// One size-bounded store of the serialized parts of timeline views (each entry's JSON with its diff, and the whole
/// timeline with its compressed forms), shared by every monitor whose routes are given it
/// (<see cref="PromptWatchEndpointOptions.ViewCache"/>): beyond <see cref="BudgetBytes"/> the least recently used parts
/// are dropped, whichever monitor they belong to, and serialized again (to the same bytes) when a request needs them.
/// A part larger than the budget is served without being kept. Thread-safe.
/// </summary>
public sealed class TimelineViewCache
{
    /// <summary>What one kept part costs beyond its bytes (list node, dictionary slot, array header), counted against the budget.</summary>
    internal const int PartOverhead = 96;

    private readonly Lock _lock = new();
    private readonly Dictionary<PartKey, LinkedListNode<Part>> _parts = [];
    private readonly LinkedList<Part> _recency = new();
    private long _bytes;
    private long _evicted;
    private long _nextView;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="budgetBytes">The most bytes kept at once (the parts' lengths and <c>96</c> bytes of bookkeeping each); positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetBytes"/> is not positive.</exception>
    public TimelineViewCache(long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytes);
        BudgetBytes = budgetBytes;
    }

    /// <summary>The most bytes kept at once.</summary>
    public long BudgetBytes { get; }

    /// <summary>The bytes kept now (never more than <see cref="BudgetBytes"/>).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock) return _bytes;
        }
    }

    /// <summary>The number of parts kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _parts.Count;
        }
    }

    /// <summary>The number of parts dropped to stay within the budget since the cache was created.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>A number no other view of this cache has.</summary>
    internal long NextView() => Interlocked.Increment(ref _nextView);

    /// <summary>The kept part <paramref name="slot"/> of view <paramref name="view"/>, marked as used now; <see langword="null"/> when not kept.</summary>
    internal byte[]? TryGet(long view, int slot)
    {
        lock (_lock)
        {
            if (!_parts.TryGetValue(new PartKey(view, slot), out var node)) return null;
            if (node != _recency.First)
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
            }

            return node.Value.Bytes;
        }
    }

    /// <summary>
    /// Keeps <paramref name="bytes"/> as part <paramref name="slot"/> of view <paramref name="view"/>, dropping the least
    /// recently used parts beyond the budget; returns the part kept (another request's, when it came first).
    /// </summary>
    internal byte[] Add(long view, int slot, byte[] bytes)
    {
        var cost = bytes.LongLength + PartOverhead;
        if (cost > BudgetBytes) return bytes;
        var key = new PartKey(view, slot);
        lock (_lock)
        {
            if (_parts.TryGetValue(key, out var existing)) return existing.Value.Bytes;
            while (_bytes + cost > BudgetBytes && _recency.Last is { } oldest)
            {
                Remove(oldest);
                _evicted++;
            }

            _parts.Add(key, _recency.AddFirst(new Part(key, bytes)));
            _bytes += cost;
            return bytes;
        }
    }

    /// <summary>Drops every part of view <paramref name="view"/> (a view a newer timeline replaced).</summary>
    internal void Forget(long view)
    {
        lock (_lock)
        {
            for (var node = _recency.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Key.View == view) Remove(node);
                node = next;
            }
        }
    }

    // Called under _lock.
    private void Remove(LinkedListNode<Part> node)
    {
        _recency.Remove(node);
        _parts.Remove(node.Value.Key);
        _bytes -= node.Value.Bytes.LongLength + PartOverhead;
    }

    private readonly record struct PartKey(long View, int Slot);

    private sealed record Part(PartKey Key, byte[] Bytes);
}
