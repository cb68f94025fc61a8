using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// A store in front of another that counts the engine's full reads and can play a host that dies (no new alert saved),
/// a store that keeps no version, or a read that lags behind the store.
/// </summary>
internal sealed class ScriptedAlertStore(IAlertStore inner) : IAlertStore
{
    private IReadOnlyList<Alert>? _lagging;
    private long? _laggingVersion;

    /// <summary>Saving a new alert fails, as when the host dies between its claim and its save.</summary>
    public bool FailNewAlerts { get; set; }

    /// <summary>The store answers no version, as a store that keeps none.</summary>
    public bool WithoutVersion { get; set; }

    public int RuleReads { get; private set; }

    public int AlertReads { get; private set; }

    public int SilenceReads { get; private set; }

    public int FailedNewAlerts { get; private set; }

    /// <summary>
    /// The next read of the alerts answers <paramref name="alerts"/> (what an earlier read saw), and the version until
    /// then <paramref name="version"/>; the reads after it answer the store's.
    /// </summary>
    public void LagOnce(long? version, IReadOnlyList<Alert> alerts) => (_laggingVersion, _lagging) = (version, alerts);

    public ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        RuleReads++;
        return inner.GetRulesAsync(cancellationToken);
    }

    public ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(CancellationToken cancellationToken = default)
    {
        AlertReads++;
        if (Interlocked.Exchange(ref _lagging, null) is { } lagging) return ValueTask.FromResult(lagging);
        return inner.GetAlertsAsync(cancellationToken);
    }

    public ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default)
    {
        SilenceReads++;
        return inner.GetSilencesAsync(cancellationToken);
    }

    public ValueTask<Alert?> TrySaveAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        if (!FailNewAlerts || alert.Version != 0) return inner.TrySaveAlertAsync(alert, cancellationToken);
        FailedNewAlerts++;
        throw new IOException("The host died before saving the alert.");
    }

    public ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        if (WithoutVersion) return ValueTask.FromResult<long?>(null);
        return Volatile.Read(ref _lagging) is null ? inner.GetVersionAsync(cancellationToken) : ValueTask.FromResult(_laggingVersion);
    }

    public ValueTask SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default) => inner.SaveRuleAsync(rule, cancellationToken);

    public ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default) => inner.DeleteRuleAsync(name, cancellationToken);

    public ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default) => inner.GetAlertAsync(id, cancellationToken);

    public ValueTask<int> PruneAlertsAsync(DateTimeOffset resolvedBefore, CancellationToken cancellationToken = default) => inner.PruneAlertsAsync(resolvedBefore, cancellationToken);

    public ValueTask SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default) => inner.SaveSilenceAsync(silence, cancellationToken);

    public ValueTask AppendHistoryAsync(IReadOnlyList<AlertHistoryEntry> entries, CancellationToken cancellationToken = default) => inner.AppendHistoryAsync(entries, cancellationToken);

    public ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(query, cancellationToken);

    public ValueTask<bool> TryClaimNotificationAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default) => inner.TryClaimNotificationAsync(key, lifetime, cancellationToken);
}
