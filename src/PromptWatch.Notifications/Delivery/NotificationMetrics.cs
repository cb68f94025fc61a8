using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;

namespace PromptWatch.Notifications;

/// <summary>Records each channel call as an <c>alert_sink</c> dependency call (<c>promptwatch.dependency.*</c>) on the <c>PromptWatch</c> meter.</summary>
internal sealed class NotificationMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly DependencyMetrics _dependencies;

    public NotificationMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        _dependencies = new DependencyMetrics(_meter);
    }

    public void Record(TimeSpan duration, Exception? failure = null, int? httpStatusCode = null) =>
        _dependencies.Record(DependencyMetrics.AlertSink, duration, failure, httpStatusCode);

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
