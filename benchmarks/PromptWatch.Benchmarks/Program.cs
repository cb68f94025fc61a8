using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using LibGit2Sharp;
using PromptWatch.Benchmarks;
using PromptWatch.Model;
using PromptWatch.Scanning;

// The Redis benchmarks need a server (the one scripts/redis-server.sh starts); without one they say so and are left out.
var redisUnavailable = RedisCounterBenchmarks.UnavailableReason;
if (redisUnavailable is not null) Console.WriteLine("// " + redisUnavailable);

// The workspace benchmarks need the Git smart-HTTP server of scripts/git-server.sh; without one they say so and are left out.
var gitServerUnavailable = WorkspaceBenchmarks.UnavailableReason;
if (gitServerUnavailable is not null) Console.WriteLine("// " + gitServerUnavailable);

if (args.Contains("--smoke"))
{
    // Every benchmark once on the 1k-commit history and 1k pipeline runs (those without either once), in-process, so the suite never rots.
    var config = ManualConfig.CreateMinimumViable()
        .AddJob(Job.Dry.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance).WithId("Smoke"))
        .AddFilter(new SimpleFilter(static b => b.Parameters["Commits"] is null or 1_000 && b.Parameters["Runs"] is null or 1_000))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator)
        .WithUnionRule(ConfigUnionRule.AlwaysUseGlobal);
    List<Type> types = [typeof(ScannerBenchmarks), typeof(ReplacedToolBenchmarks), typeof(ApiServingBenchmarks), typeof(WebhookReceiverBenchmarks), typeof(ResultLayoutBenchmarks), typeof(TelemetryOverheadBenchmarks), typeof(PerformanceMonitorBenchmarks), typeof(AlertEvaluationBenchmarks), typeof(AlertStoreBenchmarks), typeof(UnevaluatedChangeBenchmarks), typeof(PipelineAnalyticsBenchmarks)];
    if (redisUnavailable is null) types.Add(typeof(RedisCounterBenchmarks));
    if (gitServerUnavailable is null) types.Add(typeof(WorkspaceBenchmarks));
    var summaries = BenchmarkRunner.Run([.. types], config);
    RatioSummary.Print(summaries, Console.Out);
    // A benchmark whose set-up throws has no report (BenchmarkDotNet goes on with the others): count it as failed too.
    var failed = summaries.Any(static s => s.HasCriticalValidationErrors
        || s.Reports.Length < s.BenchmarksCases.Length
        || s.Reports.Any(static r => !r.Success || r.AllMeasurements.Count == 0));
    Environment.Exit(failed ? 1 : 0);
}

if (args.Length is 1 or 2 && args[0] == "--workspace-scale")
{
    // One long measured run (README, "Performance"): 500 workspaces of 2,000 commits each unless a number is given.
    Environment.Exit(WorkspaceScale.Run(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500));
}

if (args.Length is >= 1 and <= 3 && args[0] == "--startup")
{
    // Whole processes (README, "Performance"): the published command line beside the native floor, on 10,000 commits and 10 rounds unless given.
    var commits = args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    Environment.Exit(CliStartup.Run(commits, args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10));
}

if (args.Length is >= 1 and <= 3 && args[0] == "--floor")
{
    // The in-process full scan and baseline B in turn, on 10,000 commits and 20 rounds unless given (README, "Performance").
    var commits = args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    Environment.Exit(FloorComparison.Run(commits, args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20));
}

if (args.Length is >= 1 and <= 3 && args[0] == "--alert-cpu")
{
    // The alert evaluation ticks by CPU time (README, "Performance"): 15 rounds of 20 ticks of each unless given.
    var rounds = args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
    Environment.Exit(AlertEvaluationCpu.Run(rounds, args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20));
}

if (args.Length is 2 or 3 && args[0] == "--profile")
{
    // Two warm-up scans, then full scans (one unless given) and one incremental scan with timings and statistics, for profilers.
    var path = SyntheticHistory.Ensure(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    using var repository = new Repository(path);
    var scanner = new HistoryScanner();
    for (var warmup = 0; warmup < 2; warmup++) scanner.Scan(repository, new ScanTarget("base", WatchedFile.Defaults));
    var scans = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
    HistoryScan full = null!;
    for (var scan = 0; scan < scans; scan++)
    {
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        // A new scanner each time, as the benchmarks and the floor comparison measure it (its parser's caches start empty).
        full = new HistoryScanner().Scan(repository, new ScanTarget("base", WatchedFile.Defaults));
        Console.WriteLine($"full: {watch.Elapsed.TotalMilliseconds:F1} ms, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, {(GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0:F1} MB allocated, {full.Statistics}");
    }

    var incrementalWatch = Stopwatch.StartNew();
    var incremental = scanner.Scan(repository, new ScanTarget("plus1", WatchedFile.Defaults), full);
    Console.WriteLine($"incremental: {incrementalWatch.Elapsed.TotalMilliseconds:F2} ms, {incremental.Statistics}");
    return;
}

var switcherConfig = DefaultConfig.Instance.AddFilter(new SimpleFilter(b =>
    (redisUnavailable is null || b.Descriptor.Type != typeof(RedisCounterBenchmarks))
    && (gitServerUnavailable is null || b.Descriptor.Type != typeof(WorkspaceBenchmarks))));
RatioSummary.Print(BenchmarkSwitcher.FromAssembly(typeof(ScannerBenchmarks).Assembly).Run(args, switcherConfig), Console.Out);
