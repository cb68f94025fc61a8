using PromptWatch.Alerting.Notifications;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Engine;

// IAlertManager: rules, alerts and manual transitions, silences, history, statistics, test sends.
internal sealed partial class AlertEngine
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default) => _catalog.GetAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<AlertRule> SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default) => _catalog.SaveAsync(rule, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _catalog.DeleteAsync(name, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var alerts = await _store.GetAlertsAsync(cancellationToken);
        return [.. alerts
            .Where(a => (query.State is not { } state || a.State == state) && (query.Severity is not { } severity || a.Severity == severity) && (query.Rule is null || a.Rule == query.Rule))
            .OrderByDescending(static a => a.StartsAt).ThenByDescending(static a => a.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, query.Limit))];
    }

    /// <inheritdoc />
    public ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _store.GetAlertAsync(id, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Alert?> AcknowledgeAsync(string id, string by, string? comment, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(by)) throw new AlertValidationException("by", "Who acknowledges must be given.");
        return ManualAsync(id, a =>
        {
            if (a.State is not (AlertState.Firing or AlertState.Suppressed or AlertState.Acknowledged))
            {
                throw new AlertValidationException("state", $"Only a firing or suppressed alert can be acknowledged; this one is {AlertText.State(a.State)}.");
            }

            var acknowledgement = new AlertAcknowledgement(by, _time.GetUtcNow(), comment);
            return a with { State = a.State == AlertState.Suppressed ? AlertState.Suppressed : AlertState.Acknowledged, Acknowledgement = acknowledgement };
        }, by, comment, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Alert?> ResolveAsync(string id, string by, string? comment, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(by)) throw new AlertValidationException("by", "Who resolves must be given.");
        return ManualAsync(id, a => a.State == AlertState.Resolved
            ? throw new AlertValidationException("state", "The alert is already resolved.")
            : a with { State = AlertState.Resolved, SilencedBy = null, Resolution = new AlertResolution(AlertResolutionReason.Manual, _time.GetUtcNow(), by, comment) },
            by, comment, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default) => _store.GetSilencesAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask<Silence> CreateSilenceAsync(IReadOnlyList<LabelMatcher> matchers, DateTimeOffset? startsAt, DateTimeOffset endsAt, string createdBy, string comment, CancellationToken cancellationToken = default)
    {
        SilenceValidator.Validate(matchers, startsAt, endsAt, createdBy, _time.GetUtcNow());
        var start = startsAt ?? _time.GetUtcNow();
        var silence = new Silence
        {
            Id = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"),
            Matchers = [.. matchers],
            StartsAt = start,
            EndsAt = endsAt,
            CreatedBy = createdBy,
            Comment = comment ?? string.Empty,
        };
        await _store.SaveSilenceAsync(silence, cancellationToken);
        return silence;
    }

    /// <inheritdoc />
    public async ValueTask<Silence?> ExpireSilenceAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var silence = (await _store.GetSilencesAsync(cancellationToken)).FirstOrDefault(s => s.Id == id);
        if (silence is null) return null;
        var now = _time.GetUtcNow();
        if (silence.EndsAt <= now) return silence;
        var expired = silence with { EndsAt = now < silence.StartsAt ? silence.StartsAt : now };
        await _store.SaveSilenceAsync(expired, cancellationToken);
        return expired;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _store.GetHistoryAsync(query, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<AlertStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        AlertStatisticsCalculator.Of(await _store.GetAlertsAsync(cancellationToken));

    /// <inheritdoc />
    public async ValueTask<ChannelSendResult> SendTestAsync(string channel, string? title, string? text, CancellationToken cancellationToken = default)
    {
        if (channel is null || !_channels.TryGetValue(channel, out var queue))
        {
            throw new AlertValidationException("channel", $"'{channel}' is not a configured channel; configured: {string.Join(", ", Channels)}.");
        }

        var now = _time.GetUtcNow();
        var alert = new Alert
        {
            Id = "test",
            Rule = "test",
            Severity = AlertSeverity.Info,
            State = AlertState.Firing,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [AlertLabels.AlertName] = "test" },
            Summary = text ?? "A test notification from PromptWatch: this channel works.",
            StartsAt = now,
            FiredAt = now,
            LastBreachAt = now,
            Breaches = 1,
        };
        var notification = new AlertNotification(AlertNotificationKind.Test, "test", [alert], now) { Description = title ?? "PromptWatch test notification", DashboardUrl = _options.DashboardUrl };
        try
        {
            await queue.Target.SendAsync(notification, cancellationToken);
            _metrics.RecordNotification(channel, sent: true);
            _feed?.Publish(new AlertDispatch(notification, [channel]));
            return new ChannelSendResult(channel, true, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _metrics.RecordNotification(channel, sent: false);
            return new ChannelSendResult(channel, false, ChannelQueue.ErrorText(e));
        }
    }

    private async ValueTask<Alert?> ManualAsync(string id, Func<Alert, Alert> change, string by, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await _store.GetAlertAsync(id, cancellationToken) is not { } alert) return null;
            if (_rules.Count == 0) await RefreshAsync(_time.GetUtcNow(), cancellationToken);
            return await ChangeAsync(_rules.GetValueOrDefault(alert.Rule), alert, change, null, cancellationToken, by, comment) ?? await _store.GetAlertAsync(id, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
