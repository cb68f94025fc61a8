namespace PromptWatch.Alerting.Notifications;

/// <summary>
/// The engine's memory of what it sent: the last notification per group and kind (cooldown) and the sends per rule
/// and channel over the last hour (hourly cap). Entries older than a day are forgotten.
/// </summary>
internal sealed class NotificationThrottle
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly Dictionary<string, DateTimeOffset> _lastSent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _hourly = new(StringComparer.Ordinal);

    /// <summary>Whether the group's previous notification of this kind is less than <paramref name="cooldown"/> ago.</summary>
    public bool InCooldown(string group, AlertNotificationKind kind, TimeSpan cooldown, DateTimeOffset now) =>
        _lastSent.TryGetValue(Key(group, kind), out var last) && now - last < cooldown;

    public void MarkSent(string group, AlertNotificationKind kind, DateTimeOffset now)
    {
        _lastSent[Key(group, kind)] = now;
        if (_lastSent.Count > 50_000)
        {
            foreach (var old in _lastSent.Where(e => now - e.Value > TimeSpan.FromDays(1)).Select(static e => e.Key).ToList()) _lastSent.Remove(old);
        }
    }

    /// <summary>Counts a send for the rule and channel if fewer than <paramref name="cap"/> went out in the last hour.</summary>
    public bool TryTake(string rule, string channel, int cap, DateTimeOffset now)
    {
        var key = rule + "\u001f" + channel;
        if (!_hourly.TryGetValue(key, out var sends)) _hourly[key] = sends = new Queue<DateTimeOffset>();
        while (sends.Count > 0 && now - sends.Peek() >= Hour) sends.Dequeue();
        if (sends.Count >= cap) return false;
        sends.Enqueue(now);
        return true;
    }

    private static string Key(string group, AlertNotificationKind kind) => group + "\u001f" + kind;
}
