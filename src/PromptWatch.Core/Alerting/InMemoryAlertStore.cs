namespace PromptWatch.Alerting;

/// <summary>
/// An <see cref="IAlertStore"/> in this process's memory: for tests and for hosts that keep no alert state across
/// restarts. History is capped at <see cref="MaxHistory"/> entries; claims expire by the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    /// <summary>The most history entries kept; older ones are dropped first.</summary>
    public const int MaxHistory = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, AlertRule> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly LinkedList<AlertHistoryEntry> _history = new();
    private readonly Dictionary<string, DateTimeOffset> _claims = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _version;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for claim expiry; the system clock when <see langword="null"/>.</param>
    public InMemoryAlertStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return ValueTask.FromResult<IReadOnlyList<AlertRule>>([.. _rules.Values.OrderBy(static r => r.Name, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public ValueTask SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _rules[rule.Name] = rule;
            _version++;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_rules.Remove(name)) return ValueTask.FromResult(false);
            _version++;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return ValueTask.FromResult<IReadOnlyList<Alert>>([.. _alerts.Values.OrderBy(static a => a.StartsAt).ThenBy(static a => a.Id, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return ValueTask.FromResult(_alerts.GetValueOrDefault(id));
    }

    /// <inheritdoc />
    public ValueTask<Alert?> TrySaveAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var current = _alerts.GetValueOrDefault(alert.Id)?.Version ?? 0;
            if (current != alert.Version) return ValueTask.FromResult<Alert?>(null);
            var saved = alert with { Version = current + 1 };
            _alerts[alert.Id] = saved;
            _version++;
            return ValueTask.FromResult<Alert?>(saved);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PruneAlertsAsync(DateTimeOffset resolvedBefore, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var old = _alerts.Values.Where(a => a.State == AlertState.Resolved && a.Resolution is { } r && r.At < resolvedBefore).Select(static a => a.Id).ToList();
            foreach (var id in old) _alerts.Remove(id);
            if (old.Count > 0) _version++;
            return ValueTask.FromResult(old.Count);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return ValueTask.FromResult<IReadOnlyList<Silence>>([.. _silences.Values.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public ValueTask SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _silences[silence.Id] = silence;
            _version++;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask AppendHistoryAsync(IReadOnlyList<AlertHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _history.AddFirst(entry);
                if (_history.Count > MaxHistory) _history.RemoveLast();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<AlertHistoryEntry>>([.. _history
                .Where(e => (query.Rule is null || e.Rule == query.Rule) && (query.AlertId is null || e.AlertId == query.AlertId) && (query.Since is not { } since || e.At >= since))
                .Take(Math.Max(0, query.Limit))]);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimNotificationAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_claims.Count > 10_000)
            {
                foreach (var expired in _claims.Where(c => c.Value <= now).Select(static c => c.Key).ToList()) _claims.Remove(expired);
            }

            if (_claims.TryGetValue(key, out var until) && until > now) return ValueTask.FromResult(false);
            _claims[key] = now + lifetime;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return ValueTask.FromResult<long?>(_version);
    }
}
