namespace PromptWatch.Alerting;

/// <summary>
/// Where the alerting engine keeps what must survive a restart: rules created through the API, alerts with their
/// acknowledgements, silences and history. The embedded store writes to the host's data folder; the Redis store shares
/// state between replicas, and its notification claims make each notification go out from exactly one replica.
/// Implementations are thread-safe; every method is atomic.
/// </summary>
public interface IAlertStore
{
    /// <summary>The rules created or changed through the API.</summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The rules, by name.</returns>
    ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a rule (by name).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default);

    /// <summary>Deletes a rule.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>Whether there was such a rule.</returns>
    ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The alerts that are not resolved, and the resolved ones until they are pruned.</summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The alerts.</returns>
    ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>One alert by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The alert, or <see langword="null"/>.</returns>
    ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an alert if nobody saved it since <paramref name="alert"/>'s <see cref="Alert.Version"/> was read (0: it
    /// must be new); the stored value gets version + 1.
    /// </summary>
    /// <param name="alert">The alert, with the version that was read.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The stored alert (with its new version), or <see langword="null"/> when another writer came first.</returns>
    ValueTask<Alert?> TrySaveAlertAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>Deletes resolved alerts resolved before <paramref name="resolvedBefore"/>.</summary>
    /// <param name="resolvedBefore">The cut-off.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>How many were deleted.</returns>
    ValueTask<int> PruneAlertsAsync(DateTimeOffset resolvedBefore, CancellationToken cancellationToken = default);

    /// <summary>Every silence, expired ones too until they are pruned.</summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The silences.</returns>
    ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a silence (by id).</summary>
    /// <param name="silence">The silence.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default);

    /// <summary>Appends history entries; the store keeps at most a bounded number (the oldest go first).</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>A task that completes when they are stored.</returns>
    ValueTask AppendHistoryAsync(IReadOnlyList<AlertHistoryEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>History entries, newest first.</summary>
    /// <param name="query">Which.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the sending of one notification: <see langword="true"/> for the first caller only, until
    /// <paramref name="lifetime"/> passes. Replicas that share the store call it before sending, so that one sends.
    /// </summary>
    /// <param name="key">The notification's key (group, kind and the firing it belongs to).</param>
    /// <param name="lifetime">How long the claim lives.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>Whether this caller claimed it.</returns>
    ValueTask<bool> TryClaimNotificationAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the store's version: a number that changes with every change of rules, alerts or silences (history and
    /// claims leave it), so that what was read under one version can be kept until it changes (the engine does, instead
    /// of reading every alert on every tick). Read it before what it covers: what is read after it is at least as new.
    /// </summary>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The version; <see langword="null"/> (the default) when the store keeps none, and then every read is done afresh.</returns>
    ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<long?>(null);
}
