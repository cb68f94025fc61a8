using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.Benchmarks;

/// <summary>
/// Each analytics route's computation, store read included, over <see cref="Runs"/> runs with four jobs of three steps
/// each (50,000 runs are 200,000 jobs) and a deployment per 50 runs, spread over the 30-day window; and filling a store
/// with 10,000 runs and their 40,000 jobs (its retained memory is printed once by the set-up). The analytics read the
/// store once per store version: the route rows measure an unchanged store, the "after a change" rows a store that
/// changed just before (a run's new attempt), so that the read and the columns are made again.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class PipelineAnalyticsBenchmarks
{
    private const int Lookback = 30;
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Workflows = ["ci", "deploy", "nightly", "lint", "release"];
    private static readonly string[] Branches = ["main", "develop", "feature/a", "feature/b", "release"];
    private static readonly string[] Authors = ["mona", "hubot", "octocat", "ada", "linus"];
    private static readonly string[] JobNames = ["build", "test", "package", "publish"];
    private static readonly string[] StepNames = ["checkout", "restore", "run"];
    private PipelineAnalyticsService _analytics = null!;
    private InMemoryPipelineStore _store = null!;
    private PipelineRun _changing = null!;
    private List<PipelineRun> _tenThousandRuns = null!;
    private List<PipelineJob> _tenThousandJobs = null!;

    /// <summary>How many runs the store holds.</summary>
    [Params(1_000, 50_000)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTime(Now);
        var options = new PipelineOptions { RetentionDays = 90, MaxRuns = 100_000 };
        var store = new InMemoryPipelineStore(options, time);
        var (runs, jobs, deployments) = Generate(Runs, seed: 16);
        foreach (var run in runs) store.UpsertRunAsync(run, default).AsTask().GetAwaiter().GetResult();
        foreach (var job in jobs) store.UpsertJobAsync(job, default).AsTask().GetAwaiter().GetResult();
        foreach (var deployment in deployments) store.UpsertDeploymentAsync(deployment, default).AsTask().GetAwaiter().GetResult();
        _analytics = new PipelineAnalyticsService(store, Options.Create(options), time);
        (_store, _changing) = (store, runs[0]);
        // What the analytics keep for the store's version: the read runs and jobs and every route's columns.
        var beforeKept = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var route in new Func<Task>[] { Overview, Performance, Failures, Mttr, Workflows_, Dora }) route().GetAwaiter().GetResult();
        var afterKept = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// The analytics keep {(afterKept - beforeKept) / 1048576.0:F1} MiB for {Runs:N0} runs and {jobs.Count:N0} jobs (the read and the columns of every route)");
        // The runs and jobs are made inside the measurement and referenced by the store alone after it.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var filled = FillFresh();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// InMemoryPipelineStore retains {(after - before) / 1048576.0:F1} MiB for {filled.RunCount:N0} runs and {filled.JobCount:N0} jobs (their steps included)");
        GC.KeepAlive(filled);
        (_tenThousandRuns, _tenThousandJobs, _) = Generate(10_000, seed: 17);
    }

    [Benchmark(Description = "analytics/overview")]
    public Task Overview() => _analytics.OverviewAsync(Lookback, null, default);

    [Benchmark(Description = "analytics/trends")]
    public Task Trends() => _analytics.TrendsAsync(Lookback, null, default);

    [Benchmark(Description = "analytics/mttr")]
    public Task Mttr() => _analytics.MttrAsync(Lookback, null, default);

    [Benchmark(Description = "analytics/performance")]
    public Task Performance() => _analytics.PerformanceAsync(Lookback, null, default);

    [Benchmark(Description = "analytics/failures")]
    public Task Failures() => _analytics.FailuresAsync(Lookback, null, default);

    [Benchmark(Description = "analytics/workflows/comparison")]
    public Task Workflows_() => _analytics.WorkflowsAsync(Lookback, null, default);

    [Benchmark(Description = "analytics/dora")]
    public Task Dora() => _analytics.DoraAsync(Lookback, null, default);

    [Benchmark(Description = "builds/history/rollbacks (patterns)")]
    public Task Rollbacks() => _analytics.RollbacksAsync(Lookback, null, default);

    [Benchmark(Description = "analytics/performance after a change")]
    public Task PerformanceAfterChange()
    {
        Change();
        return _analytics.PerformanceAsync(Lookback, null, default);
    }

    [Benchmark(Description = "analytics/failures after a change")]
    public Task FailuresAfterChange()
    {
        Change();
        return _analytics.FailuresAsync(Lookback, null, default);
    }

    [Benchmark(Description = "analytics/overview after a change")]
    public Task OverviewAfterChange()
    {
        Change();
        return _analytics.OverviewAsync(Lookback, null, default);
    }

    /// <summary>A store filled with 10,000 runs and 40,000 jobs (allocated bytes; retained bytes are printed by the set-up).</summary>
    [Benchmark(Description = "Fill a store: 10,000 runs, 40,000 jobs")]
    public InMemoryPipelineStore Fill()
    {
        var store = new InMemoryPipelineStore(new PipelineOptions { RetentionDays = 90, MaxRuns = 100_000 }, new FixedTime(Now));
        foreach (var run in _tenThousandRuns) store.UpsertRunAsync(run, default).AsTask().GetAwaiter().GetResult();
        foreach (var job in _tenThousandJobs) store.UpsertJobAsync(job, default).AsTask().GetAwaiter().GetResult();
        return store;
    }

    /// <summary>Stores a new attempt of the first run: the store's version changes, the analytics read it again.</summary>
    private void Change()
    {
        _changing = _changing with { Attempt = _changing.Attempt + 1 };
        if (!_store.UpsertRunAsync(_changing, default).AsTask().GetAwaiter().GetResult()) throw new InvalidOperationException("The store did not change.");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static InMemoryPipelineStore FillFresh()
    {
        var (runs, jobs, _) = Generate(10_000, seed: 17);
        var store = new InMemoryPipelineStore(new PipelineOptions { RetentionDays = 90, MaxRuns = 100_000 }, new FixedTime(Now));
        foreach (var run in runs) store.UpsertRunAsync(run, default).AsTask().GetAwaiter().GetResult();
        foreach (var job in jobs) store.UpsertJobAsync(job, default).AsTask().GetAwaiter().GetResult();
        return store;
    }

    private static (List<PipelineRun>, List<PipelineJob>, List<PipelineDeployment>) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var runs = new List<PipelineRun>(count);
        var jobs = new List<PipelineJob>(count * 4);
        var deployments = new List<PipelineDeployment>();
        for (var i = 1; i <= count; i++)
        {
            var created = Now.AddSeconds(-random.Next(0, Lookback * 86_400));
            var started = created.AddSeconds(random.Next(1, 120));
            var failed = random.Next(5) == 0;
            var finished = started.AddSeconds(random.Next(60, 1800));
            var run = new PipelineRun
            {
                Id = i,
                Repository = "octo/prompts",
                WorkflowName = Workflows[random.Next(Workflows.Length)],
                RunNumber = i,
                Branch = Branches[random.Next(Branches.Length)],
                HeadSha = i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture),
                Event = "push",
                Actor = Authors[random.Next(Authors.Length)],
                CommitAuthor = Authors[random.Next(Authors.Length)],
                CommitAt = created.AddMinutes(-random.Next(1, 600)),
                Status = PipelineStatus.Completed,
                Conclusion = failed ? PipelineConclusion.Failure : PipelineConclusion.Success,
                CreatedAt = created,
                StartedAt = started,
                UpdatedAt = finished,
            };
            runs.Add(run);
            for (var j = 0; j < JobNames.Length; j++)
            {
                var jobStart = started.AddSeconds(j * 5);
                var jobEnd = jobStart.AddSeconds(random.Next(10, 900));
                var step = (jobEnd - jobStart) / StepNames.Length;
                jobs.Add(new PipelineJob
                {
                    Id = (i * 10L) + j,
                    RunId = i,
                    Repository = run.Repository,
                    Name = JobNames[j],
                    WorkflowName = run.WorkflowName,
                    Status = PipelineStatus.Completed,
                    Conclusion = failed && j == JobNames.Length - 1 ? PipelineConclusion.Failure : PipelineConclusion.Success,
                    CreatedAt = created.AddSeconds(j),
                    StartedAt = jobStart,
                    CompletedAt = jobEnd,
                    Steps = [.. StepNames.Select((name, k) => new PipelineStep(k + 1, name, PipelineStatus.Completed, PipelineConclusion.Success, jobStart + (step * k), jobStart + (step * (k + 1))))],
                });
            }

            if (i % 50 == 0)
            {
                deployments.Add(new PipelineDeployment
                {
                    Id = i,
                    Repository = run.Repository,
                    Environment = random.Next(3) == 0 ? "staging" : "production",
                    Sha = run.HeadSha,
                    Ref = random.Next(40) == 0 ? "rollback/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "main",
                    CreatedAt = finished,
                    LatestState = random.Next(8) == 0 ? DeploymentState.Failure : DeploymentState.Success,
                    LatestStateAt = finished.AddMinutes(3),
                    RunId = i,
                });
            }
        }

        return (runs, jobs, deployments);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
