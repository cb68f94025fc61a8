namespace PromptWatch.Workspaces;

/// <summary>
/// At most <c>limit</c> workspace creations per partition (a user, or everyone) in any sliding <c>window</c>, on the
/// manager's clock; a limit of 0 allows any number. Not thread-safe: the manager calls it under its lock.
/// </summary>
internal sealed class CreationRateLimiter(int limit, TimeSpan window)
{
    private const int SweepAbove = 1024;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _creations = new(StringComparer.Ordinal);

    /// <summary>How long until <paramref name="partition"/> may create again; <see langword="null"/> when it may now.</summary>
    public TimeSpan? Wait(string partition, DateTimeOffset now)
    {
        if (limit <= 0 || !_creations.TryGetValue(partition, out var times)) return null;
        Forget(times, now);
        if (times.Count == 0)
        {
            _creations.Remove(partition);
            return null;
        }

        return times.Count < limit ? null : times.Peek() + window - now;
    }

    /// <summary>Counts a creation of <paramref name="partition"/>.</summary>
    public void Record(string partition, DateTimeOffset now)
    {
        if (limit <= 0) return;
        if (_creations.Count > SweepAbove)
        {
            // Partitions that created nothing within the window are dropped, so the table stays small.
            foreach (var (name, old) in _creations.ToList())
            {
                Forget(old, now);
                if (old.Count == 0) _creations.Remove(name);
            }
        }

        if (!_creations.TryGetValue(partition, out var times)) _creations[partition] = times = new Queue<DateTimeOffset>();
        times.Enqueue(now);
    }

    private void Forget(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() + window <= now) times.Dequeue();
    }
}
