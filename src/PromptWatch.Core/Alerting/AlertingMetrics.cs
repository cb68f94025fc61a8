using System.Diagnostics;
using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;

namespace PromptWatch.Alerting;

/// <summary>
/// The alerting engine's instruments on the <c>PromptWatch</c> meter: notification attempts per channel and outcome,
/// open alerts per state, and events dropped because the event queue was full.
/// </summary>
internal sealed class AlertingMetrics : IDisposable
{
    public const string NotificationsName = "promptwatch.alerting.notifications";
    public const string AlertsOpenName = "promptwatch.alerting.alerts";
    public const string EventsDroppedName = "promptwatch.alerting.events_dropped";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _notifications;
    private readonly Counter<long> _eventsDropped;
    private Func<IReadOnlyDictionary<AlertState, int>>? _openAlerts;

    public AlertingMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        _notifications = _meter.CreateCounter<long>(NotificationsName, "{notification}", "Alert notification attempts, by channel and outcome (sent, failed).");
        _eventsDropped = _meter.CreateCounter<long>(EventsDroppedName, "{event}", "Alert events dropped because the event queue was full.");
        _meter.CreateObservableGauge(AlertsOpenName, ObserveOpen, "{alert}", "Alerts not resolved, by state (pending, firing, acknowledged, suppressed).");
    }

    /// <summary>Where the open-alerts gauge reads its counts (the engine).</summary>
    public void ObserveAlerts(Func<IReadOnlyDictionary<AlertState, int>> counts) => _openAlerts = counts;

    public void RecordNotification(string channel, bool sent) =>
        _notifications.Add(1, new TagList { { "promptwatch.alert.channel", channel }, { "promptwatch.outcome", sent ? "sent" : "failed" } });

    public void RecordEventDropped() => _eventsDropped.Add(1);

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }

    private IEnumerable<Measurement<int>> ObserveOpen()
    {
        if (_openAlerts?.Invoke() is not { } counts) yield break;
        foreach (var (state, count) in counts)
        {
            yield return new Measurement<int>(count, new KeyValuePair<string, object?>("promptwatch.alert.state", AlertText.State(state)));
        }
    }
}
