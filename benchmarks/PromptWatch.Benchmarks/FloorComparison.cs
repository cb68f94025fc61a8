using System.Diagnostics;
using System.Globalization;
using LibGit2Sharp;
using PromptWatch.Model;
using PromptWatch.Scanning;

namespace PromptWatch.Benchmarks;

/// <summary>
/// A measured scenario for a shared machine: <c>--floor [commits] [rounds]</c>, by default the 10,000-commit history and
/// 20 rounds, after 40 scans that warm it. Each round runs, in turn (a different one first every round), the scanner's full scan in this process (a
/// new <see cref="HistoryScanner"/>, warmed by earlier rounds, as BenchmarkDotNet measures it) and baseline B (see
/// <see cref="NativeGitBaseline"/>), so that both see the same load; it prints the median and fastest of each and the
/// ratio of medians, and how many bytes baseline B read (as many as the shell pipeline of <see cref="CliStartup"/> writes).
/// Beside the wall clock it prints the CPU time each used on every core: this process's own (the scan's threads, and
/// for baseline B the reading of git's output) plus, for baseline B, its git processes'.
/// </summary>
internal static class FloorComparison
{
    public static int Run(int commits, int rounds)
    {
        var path = SyntheticHistory.Ensure(commits);
        var files = WatchedFile.Defaults;
        using var repository = new Repository(path);
        var operations = new (string Name, Func<long> Run)[]
        {
            ("Scanner: full scan (in-process, warm)", () => new HistoryScanner().Scan(repository, new ScanTarget("base", files)).Entries.Length),
            ("Baseline B: native git (log --raw + cat-file --batch, pipelined)", () => NativeGitBaseline.Run(path, "base", files.Select(static f => f.Path))),
        };

        Console.WriteLine($"// {commits:N0} commits, {rounds} rounds, load average at start: {RunStatistics.LoadAverage()}");
        var bytes = operations[1].Run();
        Console.WriteLine($"// baseline B read {bytes:N0} bytes from cat-file");
        // Enough scans for tiered compilation to have optimized the scan's methods (a few are not, and vary run to run).
        for (var warmup = 0; warmup < 40; warmup++) operations[0].Run();
        var times = operations.Select(static _ => new List<double>()).ToArray();
        var cpu = operations.Select(static _ => new List<double>()).ToArray();
        using var self = Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < operations.Length; i++)
            {
                var which = (i + round) % operations.Length;
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime.TotalMilliseconds + ChildCpuTime.TotalMilliseconds();
                var watch = Stopwatch.StartNew();
                operations[which].Run();
                times[which].Add(watch.Elapsed.TotalMilliseconds);
                self.Refresh();
                cpu[which].Add(self.TotalProcessorTime.TotalMilliseconds + ChildCpuTime.TotalMilliseconds() - cpuBefore);
            }
        }

        Console.WriteLine($"// load average at end: {RunStatistics.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Operation | Median | Fastest | CPU, median |");
        Console.WriteLine("|-----------|-------:|--------:|------------:|");
        for (var i = 0; i < operations.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {operations[i].Name} | {RunStatistics.Median(times[i]):F1} ms | {times[i].Min():F1} ms | {RunStatistics.Median(cpu[i]):F1} ms |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scanner / B: {RunStatistics.Median(times[0]) / RunStatistics.Median(times[1]):F2}x (medians), {times[0].Min() / times[1].Min():F2}x (fastest), {RunStatistics.Median(cpu[0]) / RunStatistics.Median(cpu[1]):F2}x (CPU)"));
        return 0;
    }
}
