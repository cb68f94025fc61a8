using BenchmarkDotNet.Attributes;
using LibGit2Sharp;
using PromptWatch.Model;
using PromptWatch.Scanning;

namespace PromptWatch.Benchmarks;

/// <summary>
/// The history scanner (full and incremental) against the method it replaces (baseline A) and
/// against native git (baseline B), at 1k, 10k and 100k commits.
/// </summary>
[MemoryDiagnoser]
public class ScannerBenchmarks
{
    private static readonly IReadOnlyList<WatchedFile> Files = WatchedFile.Defaults;
    private string _path = "";
    private Repository _repository = null!;
    private HistoryScan _scannedBase = null!;

    /// <summary>Commits in the history.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Commits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = SyntheticHistory.Ensure(Commits);
        _repository = new Repository(_path);
        _scannedBase = new HistoryScanner().Scan(_repository, new ScanTarget("base", Files));
    }

    [GlobalCleanup]
    public void Cleanup() => _repository.Dispose();

    /// <summary>A new scanner, nothing cached, the whole history.</summary>
    [Benchmark(Description = "Scanner: full scan")]
    public int FullScan() => new HistoryScanner().Scan(_repository, new ScanTarget("base", Files)).Entries.Length;

    /// <summary>One new commit on top of a scanned history.</summary>
    [Benchmark(Description = "Scanner: incremental, 1 new commit")]
    public int IncrementalOne() => new HistoryScanner().Scan(_repository, new ScanTarget("plus1", Files), _scannedBase).Entries.Length;

    /// <summary>100 new commits on top of a scanned history.</summary>
    [Benchmark(Description = "Scanner: incremental, 100 new commits")]
    public int IncrementalHundred() => new HistoryScanner().Scan(_repository, new ScanTarget("main", Files), _scannedBase).Entries.Length;

    /// <summary>Baseline B: one git log --raw process and one git cat-file --batch process.</summary>
    [Benchmark(Baseline = true, Description = "Baseline B: native git (log --raw + cat-file --batch)")]
    public long NativeGit() => NativeGitBaseline.Run(_path, "base", Files.Select(static f => f.Path));
}
