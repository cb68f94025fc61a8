using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace PromptWatch.Diagnostics.Performance;

/// <summary>
/// Records every activity of the <c>PromptWatch</c> source when it stops, per operation (the <c>promptwatch.operation</c>
/// tag, else the operation name without its <c>promptwatch.</c> prefix; health checks as <c>health_check:&lt;name&gt;</c>),
/// in sliding windows of the last hour and the last 24 hours of fixed size: memory does not grow with the samples, and
/// at most <see cref="PerformanceOptions.MaxOperations"/> operations are tracked. It listens from construction until disposed.
/// </summary>
public sealed class PerformanceMonitor : IDisposable
{
    private const string Prefix = "promptwatch.";
    private const string HealthCheck = "promptwatch.health_check";

    private readonly ConcurrentDictionary<string, OperationWindows> _operations = new(StringComparer.Ordinal);
    private readonly PerformanceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ActivityListener _listener;

    /// <summary>Starts listening to the <c>PromptWatch</c> activity source.</summary>
    /// <param name="options">Baselines, the slower factor and the operation cap.</param>
    /// <param name="timeProvider">The clock of the windows; the system clock by default.</param>
    public PerformanceMonitor(IOptions<PerformanceOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == PromptWatchTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Every tracked operation over the last <paramref name="hours"/> (1 to 24), slowest p95 first.</summary>
    /// <param name="hours">The window: 1 reads one-minute buckets; more read the current hour and the whole hours before it.</param>
    /// <returns>One snapshot per operation with samples in the window.</returns>
    public IReadOnlyList<OperationPerformance> GetOperations(int hours = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, 24);
        var now = _timeProvider.GetUtcNow();
        var snapshots = new List<OperationPerformance>();
        foreach (var (name, windows) in _operations)
        {
            lock (windows)
            {
                if (Snapshot(name, windows, now, hours) is { } snapshot) snapshots.Add(snapshot);
            }
        }

        snapshots.Sort(static (a, b) => b.P95Milliseconds.CompareTo(a.P95Milliseconds));
        return snapshots;
    }

    /// <summary>Clears every window and learned baseline (configured baselines stay).</summary>
    public void Reset()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var windows in _operations.Values)
        {
            lock (windows) windows.Clear(now);
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    /// <summary>The operation key of an activity.</summary>
    internal static string OperationOf(Activity activity)
    {
        if (activity.GetTagItem("promptwatch.operation") is string { Length: > 0 } tagged) return tagged;
        var name = activity.OperationName;
        if (name == HealthCheck) return "health_check:" + (activity.GetTagItem("promptwatch.health_check.name") as string ?? "unknown");
        return name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;
    }

    /// <summary>Records one sample at the clock's time; false when the operation cap dropped it.</summary>
    internal bool Record(string operation, TimeSpan duration, bool failed)
    {
        var now = _timeProvider.GetUtcNow();
        if (!_operations.TryGetValue(operation, out var windows))
        {
            if (_operations.Count >= _options.MaxOperations) return false;
            windows = _operations.GetOrAdd(operation, static (_, at) => new OperationWindows(at), now);
        }

        lock (windows)
        {
            windows.Record(now, duration.TotalMilliseconds, failed);
            if (!_options.Baselines.ContainsKey(operation)) windows.Learn(now);
        }

        return true;
    }

    /// <summary>How many operations are tracked and how many time buckets they hold in all (the memory bound).</summary>
    internal (int Operations, int Buckets) Size() => (_operations.Count, _operations.Values.Sum(static w => w.BucketCount));

    private void Record(Activity activity) => Record(OperationOf(activity), activity.Duration, activity.Status == ActivityStatusCode.Error);

    private OperationPerformance? Snapshot(string name, OperationWindows windows, DateTimeOffset now, int hours)
    {
        var (histogram, failures) = windows.Merge(now, hours);
        if (histogram.Count == 0) return null;
        var lastHourP95 = hours == 1 ? histogram.Percentile(0.95) : windows.Merge(now, 1).Histogram.Percentile(0.95);
        double? baseline;
        string? source;
        if (_options.Baselines.TryGetValue(name, out var configured)) (baseline, source) = (configured, "configured");
        else if (windows.LearnedBaseline is { } learned) (baseline, source) = (learned, "learned");
        else (baseline, source) = (null, null);

        return new OperationPerformance(
            name,
            hours,
            histogram.Count,
            (histogram.Count - failures) / (double)histogram.Count,
            histogram.Sum / histogram.Count,
            histogram.Percentile(0.50),
            histogram.Percentile(0.95),
            histogram.Percentile(0.99),
            baseline,
            source,
            lastHourP95,
            baseline is { } expected && lastHourP95 > expected * _options.SlowerFactor);
    }
}
