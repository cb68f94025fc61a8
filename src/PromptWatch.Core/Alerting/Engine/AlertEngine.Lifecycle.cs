namespace PromptWatch.Alerting.Engine;

// Transitions: every change of an alert goes through ChangeAsync (optimistic save, re-read and retry) and CommitAsync
// (history entry, open-alert cache, notifications).
internal sealed partial class AlertEngine
{
    private const int SaveAttempts = 8;

    // The least a claim to open a group's next alert lives, however short the interval: longer than from the claim to
    // the saved alert (one store call), so that no other replica claims the group again before it can see the alert.
    private static readonly TimeSpan MinNewAlertClaim = TimeSpan.FromSeconds(10);

    // Group key to the id of its newest alert (open or resolved) in the store: the group's next alert follows it.
    private readonly Dictionary<string, string> _newest = new(StringComparer.Ordinal);

    /// <summary>
    /// The condition of <paramref name="rule"/> holds for one group (<paramref name="labels"/>, from <see cref="AlertLabels"/>): a new
    /// pending or firing alert, or one more breach. Another engine's breach less than <paramref name="spacing"/> after the one it
    /// counted last is not counted: replicas sharing the store evaluate the same rule each on its own tick, and one interval of
    /// theirs is one breach (this engine's own evaluations, on its tick or asked for, always count).
    /// </summary>
    private async Task BreachAsync(AlertRule rule, IReadOnlyDictionary<string, string> labels, double? value, string summary, Uri? url, int needed, TimeSpan? holdFor, DateTimeOffset now, List<Alert>? changed, CancellationToken cancellationToken, TimeSpan spacing = default)
    {
        var key = AlertGroupKey.Of(rule.Name, labels);
        for (var attempt = 0; ; attempt++)
        {
            Alert? open;
            lock (_open) open = _open.GetValueOrDefault(key);
            if (open is not null)
            {
                await ChangeAsync(rule, open, a => a.State == AlertState.Resolved || (a.LastBreachBy != _engineId && now - a.LastBreachAt < spacing) ? null : Fire(a with { Breaches = a.Breaches + 1, LastBreachAt = now, LastBreachBy = _engineId, Value = value ?? a.Value, Summary = summary, Url = url ?? a.Url }, needed, holdFor, now), changed, cancellationToken);
                return;
            }

            // Replicas that share the store see the same breach: the one that claims the group's next alert opens it, and the
            // others find it when they next read the store. The claim lives about one interval, so a replica that died between
            // its claim and its save holds the group back until the next tick, not longer.
            string? newest;
            lock (_open) newest = _newest.GetValueOrDefault(key);
            if (!await _store.TryClaimNotificationAsync("new-alert\u001f" + key + "\u001f" + newest, NewAlertClaim, cancellationToken)) return;

            // This engine's view may be older than its claim: another replica may have claimed, saved and seen its claim
            // expire since. The store decides (one version read when it has not changed).
            if (!await NewerInStoreAsync(key, newest, cancellationToken)) break;
            if (attempt > 0) return;
        }

        var created = new Alert
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Rule = rule.Name,
            Severity = rule.Severity,
            State = AlertState.Pending,
            Labels = labels,
            Summary = summary,
            Value = value,
            Url = url,
            StartsAt = now,
            LastBreachAt = now,
            LastBreachBy = _engineId,
            Breaches = 1,
        };
        created = Fire(created, needed, holdFor, now);
        if (await _store.TrySaveAlertAsync(created, cancellationToken) is { } saved) await CommitAsync(rule, null, saved, key, changed, cancellationToken);
    }

    /// <summary>
    /// How long a claim to open a group's next alert lives: one evaluation interval (at least
    /// <see cref="MinNewAlertClaim"/>), so the group of a replica that died holding it is free again at the next tick.
    /// </summary>
    private TimeSpan NewAlertClaim => _options.EvaluationInterval > MinNewAlertClaim ? _options.EvaluationInterval : MinNewAlertClaim;

    /// <summary>
    /// Whether the store holds a newer alert of the group than <paramref name="newest"/> (this engine's last view); if so,
    /// the view takes it (as open when it is).
    /// </summary>
    private async Task<bool> NewerInStoreAsync(string key, string? newest, CancellationToken cancellationToken)
    {
        Alert? latest = null;
        foreach (var alert in await _store.GetAlertsAsync(cancellationToken))
        {
            if (AlertGroupKey.Of(alert) != key) continue;
            if (latest is null || alert.StartsAt > latest.StartsAt || (alert.StartsAt == latest.StartsAt && string.CompareOrdinal(alert.Id, latest.Id) > 0)) latest = alert;
        }

        if (latest is null || latest.Id == newest) return false;
        lock (_open)
        {
            _newest[key] = latest.Id;
            if (latest.State == AlertState.Resolved) _open.Remove(key);
            else _open[key] = latest;
        }

        return true;
    }

    /// <summary>A pending alert fires once it breached <paramref name="needed"/> times in a row (or for <paramref name="holdFor"/>).</summary>
    private Alert Fire(Alert alert, int needed, TimeSpan? holdFor, DateTimeOffset now)
    {
        if (alert.State != AlertState.Pending) return alert;
        var due = holdFor is { } duration ? now - alert.StartsAt >= duration : alert.Breaches >= needed;
        if (!due) return alert;
        var silence = SilenceFor(alert);
        return alert with { State = silence is null ? AlertState.Firing : AlertState.Suppressed, SilencedBy = silence?.Id, FiredAt = now };
    }

    private Silence? SilenceFor(Alert alert) => _silences.FirstOrDefault(s => s.Matches(alert))?.Silence;

    /// <summary>The condition no longer holds: the alert resolves (a pending one without notifications).</summary>
    private Task<Alert?> ClearAsync(AlertRule? rule, Alert alert, AlertResolutionReason reason, DateTimeOffset now, List<Alert>? changed, CancellationToken cancellationToken) =>
        ChangeAsync(rule, alert, a => a.State == AlertState.Resolved ? null : a with { State = AlertState.Resolved, Resolution = new AlertResolution(reason, now, null, null), SilencedBy = null }, changed, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the alert and saves it; on a conflict, re-reads and applies it again.</summary>
    private async Task<Alert?> ChangeAsync(AlertRule? rule, Alert alert, Func<Alert, Alert?> change, List<Alert>? changed, CancellationToken cancellationToken, string? by = null, string? comment = null)
    {
        var current = alert;
        for (var attempt = 0; attempt < SaveAttempts; attempt++)
        {
            if (change(current) is not { } next) return null;
            if (await _store.TrySaveAlertAsync(next, cancellationToken) is { } saved)
            {
                await CommitAsync(rule, current, saved, AlertGroupKey.Of(saved), changed, cancellationToken, by, comment);
                return saved;
            }

            if (await _store.GetAlertAsync(alert.Id, cancellationToken) is not { } reread) return null;
            current = reread;
        }

        return null;
    }

    /// <summary>Records what a saved change did: a history entry for a transition, the open-alert cache, notifications.</summary>
    private async Task CommitAsync(AlertRule? rule, Alert? before, Alert after, string key, List<Alert>? changed, CancellationToken cancellationToken, string? by = null, string? comment = null)
    {
        lock (_open)
        {
            if (after.State == AlertState.Resolved) _open.Remove(key);
            else _open[key] = after;
            _newest[key] = after.Id;
        }

        // A manual action is always a history entry (acknowledging a suppressed alert keeps its state).
        var transition = before?.State != after.State;
        if (!transition && by is null) return;
        if (transition) changed?.Add(after);
        await _store.AppendHistoryAsync(
            [new AlertHistoryEntry { At = _time.GetUtcNow(), Kind = AlertHistoryKind.Transition, AlertId = after.Id, Rule = after.Rule, Severity = after.Severity, From = before?.State, To = after.State, By = by, Comment = comment }],
            cancellationToken);
        if (!transition || rule is null) return;
        var wasNotifying = before?.State is AlertState.Firing or AlertState.Acknowledged;
        switch (after.State)
        {
            case AlertState.Firing when !wasNotifying:
                await NotifyAsync(rule, after, AlertNotificationKind.Firing, key, cancellationToken);
                break;
            case AlertState.Suppressed when before?.State is null or AlertState.Pending:
                await RecordOutcomesAsync(rule, after, AlertNotificationKind.Firing, AlertText.Suppressed, cancellationToken);
                break;
            case AlertState.Resolved when wasNotifying:
                await NotifyAsync(rule, after, AlertNotificationKind.Resolved, key, cancellationToken);
                break;
        }
    }
}
