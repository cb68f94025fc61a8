using System.Globalization;

namespace PromptWatch.Alerting.Engine;

// Notifications: cooldown per group and kind, hourly cap per rule and channel, a claim in the store so that one
// replica sends, then the channel's own queue. Every attempt is a history entry.
internal sealed partial class AlertEngine
{
    private static readonly TimeSpan MinClaim = TimeSpan.FromHours(1);

    // Channel name to when its firing alerts were last sent again (see RepeatAsync).
    private readonly Dictionary<string, DateTimeOffset> _repeatedAt = new(StringComparer.Ordinal);

    private async Task NotifyAsync(AlertRule rule, Alert alert, AlertNotificationKind kind, string group, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var targets = TargetsOf(rule);
        var cooldown = rule.Cooldown ?? _options.Cooldown;
        if (targets.Count == 0) return;
        if (_throttle.InCooldown(group, kind, cooldown, now))
        {
            await RecordOutcomesAsync(rule, alert, kind, AlertText.Cooldown, cancellationToken);
            return;
        }

        var cap = rule.MaxNotificationsPerHour ?? _options.MaxNotificationsPerHour;
        var notification = new AlertNotification(kind, group, [alert], now) { Description = rule.Description, DashboardUrl = _options.DashboardUrl };
        var entries = new List<AlertHistoryEntry>();
        var queued = new List<string>();
        foreach (var target in targets)
        {
            if (!_throttle.TryTake(rule.Name, target.Name, cap, now))
            {
                entries.Add(Outcome(alert, kind, target.Name, AlertText.RateLimited, null));
                continue;
            }

            var claim = string.Create(CultureInfo.InvariantCulture, $"{group}|{kind}|{(alert.FiredAt ?? alert.StartsAt).UtcTicks}|{target.Name}");
            if (!await _store.TryClaimNotificationAsync(claim, cooldown > MinClaim ? cooldown : MinClaim, cancellationToken)) continue;
            if (target.TryEnqueue(notification)) queued.Add(target.Name);
            else entries.Add(Outcome(alert, kind, target.Name, AlertText.Failed, "queue_full"));
        }

        if (queued.Count > 0)
        {
            _throttle.MarkSent(group, kind, now);
            _feed?.Publish(new AlertDispatch(notification, queued));
        }

        if (entries.Count > 0) await _store.AppendHistoryAsync(entries, cancellationToken);
    }

    private async Task RecordOutcomesAsync(AlertRule rule, Alert alert, AlertNotificationKind kind, string outcome, CancellationToken cancellationToken)
    {
        var entries = TargetsOf(rule).Select(t => Outcome(alert, kind, t.Name, outcome, null)).ToList();
        if (entries.Count > 0) await _store.AppendHistoryAsync(entries, cancellationToken);
    }

    /// <summary>A channel worker finished an attempt: history and metrics.</summary>
    private async Task RecordSentAsync(string channel, AlertNotification notification, string? error, CancellationToken cancellationToken)
    {
        _metrics.RecordNotification(channel, error is null);
        if (notification.Kind is AlertNotificationKind.Test or AlertNotificationKind.Repeat) return;
        var entries = notification.Alerts.Select(a => Outcome(a, notification.Kind, channel, error is null ? AlertText.Sent : AlertText.Failed, error)).ToList();
        await _store.AppendHistoryAsync(entries, cancellationToken);
    }

    /// <summary>
    /// Sends the firing and acknowledged alerts again to each <see cref="IRepeatingAlertChannel"/> whose interval has passed,
    /// one notification per group; a claim per channel and interval leaves it to one replica.
    /// </summary>
    private async Task RepeatAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var queue in _channels.Values)
        {
            if (queue.Target is not IRepeatingAlertChannel { RepeatInterval: var interval } || interval <= TimeSpan.Zero) continue;
            // The first tick only starts the clock: what fires now has just been sent.
            if (!_repeatedAt.TryGetValue(queue.Name, out var last))
            {
                _repeatedAt[queue.Name] = now;
                continue;
            }

            if (now - last < interval) continue;
            _repeatedAt[queue.Name] = now;
            List<(AlertRule Rule, Alert Alert)> firing = [];
            lock (_open)
            {
                foreach (var alert in _open.Values)
                {
                    if (alert.State is not (AlertState.Firing or AlertState.Acknowledged)) continue;
                    if (_rules.GetValueOrDefault(alert.Rule) is not { } rule || !TargetsOf(rule).Contains(queue)) continue;
                    firing.Add((rule, alert));
                }
            }

            if (firing.Count == 0) continue;
            var claim = string.Create(CultureInfo.InvariantCulture, $"repeat|{queue.Name}|{now.UtcTicks / interval.Ticks}");
            if (!await _store.TryClaimNotificationAsync(claim, interval, cancellationToken)) continue;
            foreach (var (rule, alert) in firing)
            {
                var notification = new AlertNotification(AlertNotificationKind.Repeat, AlertGroupKey.Of(alert), [alert], now) { Description = rule.Description, DashboardUrl = _options.DashboardUrl };
                if (!queue.TryEnqueue(notification)) break;
                _feed?.Publish(new AlertDispatch(notification, [queue.Name]));
            }
        }
    }

    private List<Notifications.ChannelQueue> TargetsOf(AlertRule rule) => rule.Channels.Count == 0
        ? [.. _channels.Values]
        : [.. rule.Channels.Select(n => _channels.GetValueOrDefault(n)).OfType<Notifications.ChannelQueue>()];

    private AlertHistoryEntry Outcome(Alert alert, AlertNotificationKind kind, string channel, string outcome, string? error) => new()
    {
        At = _time.GetUtcNow(),
        Kind = AlertHistoryKind.Notification,
        AlertId = alert.Id,
        Rule = alert.Rule,
        Severity = alert.Severity,
        To = kind == AlertNotificationKind.Resolved ? AlertState.Resolved : alert.State,
        Channel = channel,
        Outcome = outcome,
        Error = error,
    };
}
