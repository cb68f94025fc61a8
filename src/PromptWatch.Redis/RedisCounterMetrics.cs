using System.Diagnostics;
using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;

namespace PromptWatch.Redis;

/// <summary>
/// The Redis counter store's instruments, on the <c>PromptWatch</c> meter: <c>promptwatch.counters.redis.operations</c>
/// (by operation and outcome) and <c>promptwatch.counters.redis.duration</c>.
/// </summary>
internal sealed class RedisCounterMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;

    public RedisCounterMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        _operations = _meter.CreateCounter<long>("promptwatch.counters.redis.operations", "{operation}", "Counter store operations sent to Redis, by operation and outcome.");
        _duration = _meter.CreateHistogram<double>("promptwatch.counters.redis.duration", "s", "Duration of counter store operations sent to Redis.");
        Dependencies = new DependencyMetrics(_meter);
    }

    /// <summary>The shared <c>promptwatch.dependency.*</c> instruments, recorded as <c>redis</c>.</summary>
    public DependencyMetrics Dependencies { get; }

    public void Record(string operation, TimeSpan duration, Exception? failure = null)
    {
        var ok = failure is null;
        Dependencies.Record(DependencyMetrics.Redis, duration, failure);
        var tags = new TagList { { "promptwatch.operation", operation }, { "promptwatch.outcome", ok ? "success" : "failure" } };
        _operations.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
