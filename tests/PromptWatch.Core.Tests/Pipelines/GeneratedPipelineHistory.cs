using PromptWatch.Pipelines;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// A seeded, generated history: runs of three workflows on three branches over 40 days (some before a 30-day window),
/// each with two or three jobs of two steps, varied conclusions, durations and queue times.
/// </summary>
internal sealed class GeneratedPipelineHistory
{
    public static readonly DateTimeOffset Now = new(2026, 6, 30, 15, 0, 0, TimeSpan.Zero);

    private static readonly string[] Workflows = ["ci", "deploy", "nightly"];
    private static readonly string[] Branches = ["main", "feature/a", "release"];
    private static readonly string[] Authors = ["mona", "hubot", "octocat"];
    private static readonly string[] JobNames = ["build", "test", "lint"];

    public GeneratedPipelineHistory(int runCount, int seed = 16)
    {
        var random = new Random(seed);
        for (var i = 1; i <= runCount; i++)
        {
            var created = Now.AddMinutes(-random.Next(0, 40 * 24 * 60)).AddSeconds(-random.Next(0, 60));
            var roll = random.Next(100);
            var (status, conclusion) = roll switch
            {
                < 60 => (PipelineStatus.Completed, PipelineConclusion.Success),
                < 80 => (PipelineStatus.Completed, PipelineConclusion.Failure),
                < 85 => (PipelineStatus.Completed, PipelineConclusion.TimedOut),
                < 90 => (PipelineStatus.Completed, PipelineConclusion.Cancelled),
                < 93 => (PipelineStatus.Completed, PipelineConclusion.Skipped),
                < 97 => (PipelineStatus.InProgress, (PipelineConclusion?)null),
                _ => (PipelineStatus.Queued, (PipelineConclusion?)null),
            };
            var queue = TimeSpan.FromSeconds(random.Next(1, 300));
            var length = TimeSpan.FromSeconds(random.Next(30, 3600));
            var started = status == PipelineStatus.Queued ? (DateTimeOffset?)null : created + queue;
            var run = new PipelineRun
            {
                Id = 1000 + i,
                Repository = PipelineSamples.Repository,
                WorkflowId = 1,
                WorkflowName = Workflows[random.Next(Workflows.Length)],
                RunNumber = i,
                Branch = Branches[random.Next(Branches.Length)],
                HeadSha = PipelineSamples.Sha(i),
                Event = "push",
                Actor = Authors[random.Next(Authors.Length)],
                CommitAuthor = random.Next(4) == 0 ? null : Authors[random.Next(Authors.Length)],
                Status = status,
                Conclusion = conclusion,
                CreatedAt = created,
                StartedAt = started,
                UpdatedAt = status == PipelineStatus.Completed ? created + queue + length : (started ?? created),
            };
            Runs.Add(run);
            var jobCount = random.Next(2, 4);
            for (var j = 0; j < jobCount; j++)
            {
                var jobCreated = created.AddSeconds(j);
                var jobStarted = started?.AddSeconds(random.Next(0, 30));
                var jobLength = TimeSpan.FromSeconds(random.Next(10, 1800));
                var jobDone = status == PipelineStatus.Completed && jobStarted is not null;
                var jobFailed = jobDone && conclusion != PipelineConclusion.Success && j == jobCount - 1;
                var stepSplit = jobLength.TotalSeconds * random.NextDouble();
                Jobs.Add(new PipelineJob
                {
                    Id = (run.Id * 10) + j,
                    RunId = run.Id,
                    Repository = run.Repository,
                    Name = JobNames[j],
                    WorkflowName = run.WorkflowName,
                    Status = jobDone ? PipelineStatus.Completed : status,
                    Conclusion = jobDone ? (jobFailed ? PipelineConclusion.Failure : PipelineConclusion.Success) : null,
                    CreatedAt = jobCreated,
                    StartedAt = jobStarted,
                    CompletedAt = jobDone ? jobStarted + jobLength : null,
                    Steps = jobStarted is { } s && jobDone
                        ?
                        [
                            new PipelineStep(1, "checkout", PipelineStatus.Completed, PipelineConclusion.Success, s, s.AddSeconds(stepSplit)),
                            new PipelineStep(2, "run", PipelineStatus.Completed, jobFailed ? PipelineConclusion.Failure : PipelineConclusion.Success, s.AddSeconds(stepSplit), s + jobLength),
                        ]
                        : [],
                });
            }
        }
    }

    public List<PipelineRun> Runs { get; } = [];

    public List<PipelineJob> Jobs { get; } = [];

    public async Task<InMemoryPipelineStore> FillAsync(TimeProvider time)
    {
        var store = new InMemoryPipelineStore(new PipelineOptions { RetentionDays = 90, MaxRuns = 1_000_000 }, time);
        foreach (var run in Runs) await store.UpsertRunAsync(run, default);
        foreach (var job in Jobs) await store.UpsertJobAsync(job, default);
        return store;
    }

    /// <summary>The nearest-rank percentile, by its definition: the first sorted value with at least p % of all at or below it.</summary>
    public static double NearestRank(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            if ((i + 1) * 100.0 / sorted.Count >= percent - 1e-9) return sorted[i];
        }

        throw new InvalidOperationException("No values.");
    }
}
