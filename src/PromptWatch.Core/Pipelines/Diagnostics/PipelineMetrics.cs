using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using PromptWatch.Diagnostics;

namespace PromptWatch.Pipelines.Diagnostics;

/// <summary>
/// The pipeline monitor's instruments on the <c>PromptWatch</c> meter (registered by <c>AddPipelines()</c>): changes the
/// store accepted, updates offered to it by source, analytics durations, and the live connections.
/// </summary>
internal sealed class PipelineMetrics : IDisposable
{
    public const string ChangesName = "promptwatch.pipelines.changes";
    public const string UpdatesName = "promptwatch.pipelines.updates";
    public const string AnalyticsDurationName = "promptwatch.pipelines.analytics.duration";
    public const string LiveConnectionsName = "promptwatch.pipelines.live.connections";
    public const string LiveDroppedName = "promptwatch.pipelines.live.dropped";
    public const string LiveDisconnectedName = "promptwatch.pipelines.live.disconnected";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _updates;
    private readonly Histogram<double> _analytics;
    private readonly UpDownCounter<long> _live;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _disconnected;

    public PipelineMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        _changes = _meter.CreateCounter<long>(ChangesName, "{change}", "Runs, jobs, deployments and deployment statuses the pipeline store accepted, by repository, kind, status and conclusion.");
        _updates = _meter.CreateCounter<long>(UpdatesName, "{update}", "Updates offered to the pipeline store, by source (webhook, poll, other), kind and outcome (changed, unchanged).");
        _analytics = _meter.CreateHistogram<double>(AnalyticsDurationName, "s", "Duration of pipeline analytics requests (store read and computation), by analytics and outcome.");
        _live = _meter.CreateUpDownCounter<long>(LiveConnectionsName, "{connection}", "Live pipeline connections open, by transport (websocket, sse).");
        _dropped = _meter.CreateCounter<long>(LiveDroppedName, "{message}", "Live messages dropped because a client's buffer was full, by transport.");
        _disconnected = _meter.CreateCounter<long>(LiveDisconnectedName, "{client}", "Live clients disconnected by the server, by transport and reason (slow, shutdown).");
    }

    /// <summary>Counts one update offered to the store and, when it changed the store, the change.</summary>
    public void Update(string source, string kind, string repository, bool changed, string? status = null, string? conclusion = null)
    {
        _updates.Add(1, new TagList { { "promptwatch.pipeline.source", source }, { "promptwatch.pipeline.kind", kind }, { "promptwatch.outcome", changed ? "changed" : "unchanged" } });
        if (!changed) return;
        var tags = new TagList { { "promptwatch.repository", repository }, { "promptwatch.pipeline.kind", kind } };
        if (status is not null) tags.Add("promptwatch.pipeline.status", status);
        if (conclusion is not null) tags.Add("promptwatch.pipeline.conclusion", conclusion);
        _changes.Add(1, tags);
    }

    public void Analytics(string analytics, TimeSpan elapsed, bool ok) =>
        _analytics.Record(elapsed.TotalSeconds, new TagList { { "promptwatch.pipeline.analytics", analytics }, { "promptwatch.outcome", ok ? "success" : "failure" } });

    public void LiveOpened(string transport) => _live.Add(1, new KeyValuePair<string, object?>("promptwatch.pipeline.transport", transport));

    public void LiveClosed(string transport) => _live.Add(-1, new KeyValuePair<string, object?>("promptwatch.pipeline.transport", transport));

    public void LiveDropped(string transport) => _dropped.Add(1, new KeyValuePair<string, object?>("promptwatch.pipeline.transport", transport));

    public void LiveDisconnected(string transport, string reason) =>
        _disconnected.Add(1, new KeyValuePair<string, object?>("promptwatch.pipeline.transport", transport), new KeyValuePair<string, object?>("promptwatch.reason", reason));

    /// <summary>The snake_case word of an enum value, as the API writes it (<c>in_progress</c>, <c>timed_out</c>).</summary>
    public static string? Word<T>(T? value)
        where T : struct, Enum => value is { } v ? JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()) : null;

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
