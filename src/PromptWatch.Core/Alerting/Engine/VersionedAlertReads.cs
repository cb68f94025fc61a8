namespace PromptWatch.Alerting.Engine;

/// <summary>
/// The engine's view of its <see cref="IAlertStore"/>: rules, alerts and silences read under the store's version are kept
/// and answered again while the version stays, so that a tick over an unchanged store reads one number instead of every
/// alert (hundreds of engines on one Redis: one GET each per tick, not one HGETALL). A store that keeps no version is read
/// afresh every time. Everything else goes straight to the store.
/// </summary>
internal sealed class VersionedAlertReads(IAlertStore store) : IAlertStore, IAlertStoreBatching
{
    private readonly Cache<AlertRule> _rules = new();
    private readonly Cache<Alert> _alerts = new();
    private readonly Cache<Silence> _silences = new();

    /// <summary>The store behind.</summary>
    public IAlertStore Store => store;

    public ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(_rules, static (s, c) => s.GetRulesAsync(c), cancellationToken);

    public ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(_alerts, static (s, c) => s.GetAlertsAsync(c), cancellationToken);

    public ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(_silences, static (s, c) => s.GetSilencesAsync(c), cancellationToken);

    public ValueTask SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default) => store.SaveRuleAsync(rule, cancellationToken);

    public ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default) => store.DeleteRuleAsync(name, cancellationToken);

    public ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default) => store.GetAlertAsync(id, cancellationToken);

    public ValueTask<Alert?> TrySaveAlertAsync(Alert alert, CancellationToken cancellationToken = default) => store.TrySaveAlertAsync(alert, cancellationToken);

    public ValueTask<int> PruneAlertsAsync(DateTimeOffset resolvedBefore, CancellationToken cancellationToken = default) => store.PruneAlertsAsync(resolvedBefore, cancellationToken);

    public ValueTask SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default) => store.SaveSilenceAsync(silence, cancellationToken);

    public ValueTask AppendHistoryAsync(IReadOnlyList<AlertHistoryEntry> entries, CancellationToken cancellationToken = default) => store.AppendHistoryAsync(entries, cancellationToken);

    public ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default) => store.GetHistoryAsync(query, cancellationToken);

    public ValueTask<bool> TryClaimNotificationAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default) => store.TryClaimNotificationAsync(key, lifetime, cancellationToken);

    public ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken = default) => store.GetVersionAsync(cancellationToken);

    /// <summary>The store's batch when it gathers writes (the file store); otherwise one that does nothing.</summary>
    public IAsyncDisposable BeginBatch() => store is IAlertStoreBatching batching ? batching.BeginBatch() : NoBatch.Instance;

    private async ValueTask<IReadOnlyList<T>> ReadAsync<T>(Cache<T> cache, Func<IAlertStore, CancellationToken, ValueTask<IReadOnlyList<T>>> read, CancellationToken cancellationToken)
    {
        var version = await store.GetVersionAsync(cancellationToken);
        if (version is { } v && cache.Kept is { } kept && kept.Version == v) return kept.Items;

        // The version was read first: what is read now is at least as new, so it is never kept under a later version.
        var items = await read(store, cancellationToken);
        if (version is { } known) cache.Kept = new Kept<T>(known, items);
        return items;
    }

    private sealed record Kept<T>(long Version, IReadOnlyList<T> Items);

    private sealed class Cache<T>
    {
        private Kept<T>? _kept;

        public Kept<T>? Kept
        {
            get => Volatile.Read(ref _kept);
            set => Volatile.Write(ref _kept, value);
        }
    }

    private sealed class NoBatch : IAsyncDisposable
    {
        public static readonly NoBatch Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
