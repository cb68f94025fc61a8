using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PromptWatch.Model;

namespace PromptWatch.Benchmarks;

/// <summary>
/// Baseline A, the replaced tool's process-per-commit method. Seconds to minutes per run, so it runs
/// as a monitoring job with few iterations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class ReplacedToolBenchmarks
{
    private string _path = "";

    /// <summary>Commits in the history.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Commits { get; set; }

    [GlobalSetup]
    public void Setup() => _path = SyntheticHistory.Ensure(Commits);

    /// <summary>Baseline A.</summary>
    [Benchmark(Description = "Baseline A: replaced tool (a git process per commit)")]
    public int ReplacedTool() => ReplacedToolBaseline.Run(_path, "base", WatchedFile.Defaults.Select(static f => f.Path));
}
