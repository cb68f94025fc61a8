using System.Globalization;
using BenchmarkDotNet.Reports;

namespace PromptWatch.Benchmarks;

/// <summary>Prints, per history size, the full scan's time against both baselines, and the API's requests per second.</summary>
internal static class RatioSummary
{
    public static void Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        var means = summaries
            .SelectMany(static s => s.Reports)
            .Where(static r => r.ResultStatistics is not null && r.BenchmarkCase.Parameters["Commits"] is int)
            .GroupBy(static r => (r.BenchmarkCase.Descriptor.WorkloadMethod.Name, Commits: (int)r.BenchmarkCase.Parameters["Commits"]))
            .ToDictionary(static g => g.Key, static g => g.Min(static r => r.ResultStatistics!.Mean));
        PrintApi(summaries, output);
        var sizes = means.Keys.Where(static k => k.Name == nameof(ScannerBenchmarks.FullScan)).Select(static k => k.Commits).Distinct().Order().ToList();
        if (sizes.Count == 0) return;

        output.WriteLine();
        output.WriteLine("| Commits | Full scan | Baseline A (replaced tool) | Baseline B (native git) | Scanner / A | Scanner / B |");
        output.WriteLine("|--------:|----------:|---------------------------:|------------------------:|------------:|------------:|");
        foreach (var commits in sizes)
        {
            var scan = means.GetValueOrDefault((nameof(ScannerBenchmarks.FullScan), commits));
            var a = means.GetValueOrDefault((nameof(ReplacedToolBenchmarks.ReplacedTool), commits));
            var b = means.GetValueOrDefault((nameof(ScannerBenchmarks.NativeGit), commits));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {commits:N0} | {Milliseconds(scan)} | {Milliseconds(a)} | {Milliseconds(b)} | {Ratio(scan, a)} | {Ratio(scan, b)} |"));
        }
    }

    private static void PrintApi(IEnumerable<Summary> summaries, TextWriter output)
    {
        var reports = summaries
            .SelectMany(static s => s.Reports)
            .Where(static r => r.ResultStatistics is not null && r.BenchmarkCase.Descriptor.Type == typeof(ApiServingBenchmarks))
            .ToList();
        if (reports.Count == 0) return;

        output.WriteLine();
        output.WriteLine("| Commits | Request (64 in flight) | Mean per request | Requests per second |");
        output.WriteLine("|--------:|------------------------|-----------------:|--------------------:|");
        foreach (var report in reports)
        {
            var mean = report.ResultStatistics!.Mean;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(int)report.BenchmarkCase.Parameters["Commits"]:N0} | `{report.BenchmarkCase.Parameters["Query"]}` | {Milliseconds(mean)} | {1e9 / mean:N0} |"));
        }
    }

    private static string Milliseconds(double nanoseconds) =>
        nanoseconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:N1} ms") : "-";

    private static string Ratio(double scan, double baseline) =>
        scan > 0 && baseline > 0 ? string.Create(CultureInfo.InvariantCulture, $"{scan / baseline:0.###}x") : "-";
}
