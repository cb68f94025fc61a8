using System.Diagnostics;

namespace PromptWatch.Benchmarks;

/// <summary>
/// The latencies of the latest requests of a benchmark (warm-up and pilot iterations fall out), for the p50/p99
/// line printed after the run.
/// </summary>
internal sealed class LatencyRecorder(int kept = 20_000)
{
    private readonly List<double> _latencies = [];
    private readonly Lock _lock = new();

    /// <summary>Records the time since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public void Record(long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (_lock)
        {
            if (_latencies.Count == kept) _latencies.RemoveRange(0, Math.Min(64, kept));
            _latencies.Add(elapsed);
        }
    }

    /// <summary>"the last N requests, latency p50 x ms, p99 y ms", or <see langword="null"/> when nothing was recorded.</summary>
    public string? Describe()
    {
        List<double> sorted;
        lock (_lock) sorted = [.. _latencies.Order()];
        return sorted.Count == 0 ? null : $"the last {sorted.Count} requests, latency p50 {Percentile(sorted, 0.50):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms";
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
