namespace PromptWatch.Benchmarks;

/// <summary>What the measured scenarios (not BenchmarkDotNet jobs) report: medians, and the machine's load while they ran.</summary>
internal static class RunStatistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The load averages over 1, 5 and 15 minutes, where the system tells them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
