using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;

namespace PromptWatch.GitHub.Hosting;

/// <summary>The GitHub instruments, on the <c>PromptWatch</c> meter.</summary>
internal sealed class GitHubMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public GitHubMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        Deliveries = _meter.CreateCounter<long>("promptwatch.github.deliveries", "{delivery}", "Webhook deliveries by event and outcome (accepted, duplicate, refused, busy, queue_full, applied, replayed, dead_lettered).");
        StoreFailures = _meter.CreateCounter<long>("promptwatch.github.store_failures", "{failure}", "Attempts to apply a delivery that failed because the counter store did.");
        Alerts = _meter.CreateCounter<long>("promptwatch.github.alerts", "{alert}", "Alerts raised, by kind and severity.");
        Rescans = _meter.CreateCounter<long>("promptwatch.github.rescans", "{rescan}", "Instant rescans triggered by pushes.");
    }

    public Counter<long> Deliveries { get; }

    public Counter<long> StoreFailures { get; }

    public Counter<long> Alerts { get; }

    public Counter<long> Rescans { get; }

    public void Delivery(string eventName, string outcome) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("promptwatch.github.event", eventName), new KeyValuePair<string, object?>("promptwatch.outcome", outcome));

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
