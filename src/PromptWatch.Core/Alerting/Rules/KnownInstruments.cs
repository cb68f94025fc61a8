namespace PromptWatch.Alerting.Rules;

/// <summary>
/// The instruments metric rules may name: those of the <c>PromptWatch</c> meter (README's instrument table), the
/// engine's own, and ASP.NET Core's request duration (for the API error rate). Any other name is refused.
/// </summary>
internal static class KnownInstruments
{
    /// <summary>ASP.NET Core's server request duration (meter <c>Microsoft.AspNetCore.Hosting</c>).</summary>
    public const string HttpServerRequestDuration = "http.server.request.duration";

    /// <summary>The meter of <see cref="HttpServerRequestDuration"/>.</summary>
    public const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    private static readonly Dictionary<string, InstrumentKind> Kinds = new(StringComparer.Ordinal)
    {
        ["promptwatch.scans"] = InstrumentKind.Counter,
        ["promptwatch.scan.duration"] = InstrumentKind.Histogram,
        ["promptwatch.scan.commits_walked"] = InstrumentKind.Counter,
        ["promptwatch.scan.blobs_parsed"] = InstrumentKind.Counter,
        ["promptwatch.scan.changes"] = InstrumentKind.Counter,
        ["promptwatch.scan.errors"] = InstrumentKind.Counter,
        ["promptwatch.refreshes"] = InstrumentKind.Counter,
        ["promptwatch.refresh.duration"] = InstrumentKind.Histogram,
        ["promptwatch.dependency.duration"] = InstrumentKind.Histogram,
        ["promptwatch.dependency.auth_failures"] = InstrumentKind.Counter,
        ["promptwatch.counters.redis.operations"] = InstrumentKind.Counter,
        ["promptwatch.counters.redis.duration"] = InstrumentKind.Histogram,
        ["promptwatch.github.deliveries"] = InstrumentKind.Counter,
        ["promptwatch.github.store_failures"] = InstrumentKind.Counter,
        ["promptwatch.github.alerts"] = InstrumentKind.Counter,
        ["promptwatch.github.rescans"] = InstrumentKind.Counter,
        ["promptwatch.workspaces.alive"] = InstrumentKind.Gauge,
        ["promptwatch.workspaces.created"] = InstrumentKind.Counter,
        ["promptwatch.workspaces.evicted"] = InstrumentKind.Counter,
        ["promptwatch.workspaces.refused"] = InstrumentKind.Counter,
        [AlertingMetrics.NotificationsName] = InstrumentKind.Counter,
        [AlertingMetrics.AlertsOpenName] = InstrumentKind.Gauge,
        [AlertingMetrics.EventsDroppedName] = InstrumentKind.Counter,
        [Pipelines.Diagnostics.PipelineMetrics.ChangesName] = InstrumentKind.Counter,
        [Pipelines.Diagnostics.PipelineMetrics.UpdatesName] = InstrumentKind.Counter,
        [Pipelines.Diagnostics.PipelineMetrics.AnalyticsDurationName] = InstrumentKind.Histogram,
        [Pipelines.Diagnostics.PipelineMetrics.LiveConnectionsName] = InstrumentKind.Gauge,
        [Pipelines.Diagnostics.PipelineMetrics.LiveDroppedName] = InstrumentKind.Counter,
        [Pipelines.Diagnostics.PipelineMetrics.LiveDisconnectedName] = InstrumentKind.Counter,
        [Results.EvaluationCoverageMetrics.Name] = InstrumentKind.Gauge,
        [Lifecycle.PromotionLeadTimeMetrics.MedianName] = InstrumentKind.Gauge,
        [Lifecycle.PromotionLeadTimeMetrics.LastName] = InstrumentKind.Gauge,
        [HttpServerRequestDuration] = InstrumentKind.Histogram,
    };

    /// <summary>Every known name, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The instrument's kind, or <see langword="null"/> when it is not known.</summary>
    public static InstrumentKind? KindOf(string name) => Kinds.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>Whether the engine listens to an instrument of <paramref name="meter"/> named <paramref name="name"/>.</summary>
    public static bool Listens(string meter, string name) =>
        Kinds.ContainsKey(name)
        && (meter.StartsWith(Diagnostics.PromptWatchTelemetry.MeterName, StringComparison.Ordinal) || (meter == AspNetCoreHostingMeter && name == HttpServerRequestDuration));
}

/// <summary>How an instrument's measurements add up.</summary>
internal enum InstrumentKind
{
    /// <summary>A monotonic sum.</summary>
    Counter,

    /// <summary>A value that goes up and down (gauges, up-down counters).</summary>
    Gauge,

    /// <summary>A distribution.</summary>
    Histogram,
}
