using System.Diagnostics;
using System.Globalization;

namespace PromptWatch.Benchmarks;

/// <summary>
/// The alert evaluation ticks of <see cref="AlertEvaluationBenchmarks"/> measured by the CPU time the process spent on
/// them as well as by the clock, for a machine too busy for wall-clock figures to compare: rounds of a number of ticks
/// of each benchmark in turn, then the median per tick.
/// </summary>
internal static class AlertEvaluationCpu
{
    public static int Run(int rounds, int ticks)
    {
        var benchmarks = new AlertEvaluationBenchmarks();
        benchmarks.GlobalSetup();
        try
        {
            (string Name, Func<int> Tick)[] cases = [("Tick500Rules", benchmarks.Tick500Rules), ("Tick500RulesOriginalMix", benchmarks.Tick500RulesOriginalMix)];
            var cpu = cases.Select(static _ => new List<double>()).ToArray();
            var wall = cases.Select(static _ => new List<double>()).ToArray();
            var allocated = new double[cases.Length];
            using var process = Process.GetCurrentProcess();
            for (var round = 0; round < rounds; round++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < ticks; i++) cases[c].Tick();
                    watch.Stop();
                    allocated[c] = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / (double)ticks;
                    process.Refresh();
                    cpu[c].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / ticks);
                    wall[c].Add(watch.Elapsed.TotalMilliseconds / ticks);
                }
            }

            for (var c = 0; c < cases.Length; c++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name}: CPU {Median(cpu[c]):F2} ms per tick (min {cpu[c].Min():F2}), wall {Median(wall[c]):F2} ms (min {wall[c].Min():F2}), {allocated[c] / 1024:F1} KB allocated per tick"));
            }

            return 0;
        }
        finally
        {
            benchmarks.GlobalCleanup();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
