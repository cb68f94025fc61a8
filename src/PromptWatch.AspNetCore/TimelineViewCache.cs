using System.Collections.Concurrent;

namespace PromptWatch.AspNetCore;

/// <summary>
/// One size-bounded store of the serialized parts of timeline views (each entry's JSON with its diff, and the whole
/// timeline with its compressed forms), shared by every monitor whose routes are given it
/// (<see cref="PromptWatchEndpointOptions.ViewCache"/>): beyond <see cref="BudgetBytes"/> the least recently used parts
/// are dropped (in the order they were kept, a part read since it was kept or last passed over getting a second chance),
/// whichever monitor they belong to, and serialized again (to the same bytes) when a request needs them. A part larger
/// than the budget is served without being kept. Thread-safe; reading a kept part takes no lock.
/// </summary>
public sealed class TimelineViewCache
{
    /// <summary>What one kept part costs beyond its bytes (queue node, dictionary slot, array header), counted against the budget.</summary>
    internal const int PartOverhead = 96;

    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<PartKey, Part> _parts = new();
    private readonly LinkedList<Part> _queue = new();
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
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The number of parts kept now.</summary>
    public int Count => _parts.Count;

    /// <summary>The number of parts dropped to stay within the budget since the cache was created.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>A number no other view of this cache has.</summary>
    internal long NextView() => Interlocked.Increment(ref _nextView);

    /// <summary>The kept part <paramref name="slot"/> of view <paramref name="view"/>, marked as used; <see langword="null"/> when not kept.</summary>
    internal byte[]? TryGet(long view, int slot)
    {
        if (!_parts.TryGetValue(new PartKey(view, slot), out var part)) return null;
        if (Volatile.Read(ref part.Used) == 0) Volatile.Write(ref part.Used, 1);
        return part.Bytes;
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
            if (_parts.TryGetValue(key, out var existing)) return existing.Bytes;
            while (_bytes + cost > BudgetBytes && _queue.First is { } oldest)
            {
                _queue.RemoveFirst();
                if (Interlocked.Exchange(ref oldest.Value.Used, 0) == 1)
                {
                    // Read since it was kept or last passed over: it goes to the back of the queue instead.
                    _queue.AddLast(oldest);
                    continue;
                }

                Drop(oldest.Value);
                _evicted++;
            }

            var part = new Part(key, bytes);
            _queue.AddLast(part);
            _parts[key] = part;
            _bytes += cost;
            return bytes;
        }
    }

    /// <summary>Drops every part of view <paramref name="view"/> (a view a newer timeline replaced).</summary>
    internal void Forget(long view)
    {
        lock (_lock)
        {
            for (var node = _queue.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Key.View == view)
                {
                    _queue.Remove(node);
                    Drop(node.Value);
                }

                node = next;
            }
        }
    }

    // Called under _lock, the part already out of the queue.
    private void Drop(Part part)
    {
        _parts.TryRemove(part.Key, out _);
        _bytes -= part.Bytes.LongLength + PartOverhead;
    }

    private readonly record struct PartKey(long View, int Slot);

    private sealed class Part(PartKey key, byte[] bytes)
    {
        /// <summary>1 when read since it was kept or last passed over.</summary>
        public int Used;

        public PartKey Key { get; } = key;

        public byte[] Bytes { get; } = bytes;
    }
}
