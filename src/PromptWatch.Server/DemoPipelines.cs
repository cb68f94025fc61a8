using LibGit2Sharp;
using PromptWatch.Pipelines;

namespace PromptWatch.Server;

/// <summary>One commit of the demo repository, as the demo pipeline data is generated from it.</summary>
/// <param name="Sha">The commit id.</param>
/// <param name="Author">The author's name.</param>
/// <param name="Message">The message's first line.</param>
/// <param name="When">The author's time.</param>
/// <param name="ChangesTest">Whether it changed <c>chart/values-test.yaml</c>.</param>
/// <param name="ChangesProd">Whether it changed <c>chart/values-prod.yaml</c>.</param>
internal sealed record DemoCommit(string Sha, string Author, string Message, DateTimeOffset When, bool ChangesTest, bool ChangesProd);

/// <summary>What the demo puts into the pipeline store.</summary>
internal sealed record DemoPipelineData(
    IReadOnlyList<PipelineRun> Runs,
    IReadOnlyList<PipelineJob> Jobs,
    IReadOnlyList<PipelineDeployment> Deployments,
    IReadOnlyList<PipelineDeploymentStatus> Statuses,
    int Commits);

/// <summary>
/// Pipeline data for the demo repository, generated from its real commits: a <c>CI</c> run per commit of
/// <see cref="Demo.DemoRepository.Branch"/> (jobs <c>validate</c> and <c>evaluate</c> with their steps), a few failures
/// each followed by a recovery, deployments to <c>test</c> of the passing commits that changed
/// <c>chart/values-test.yaml</c> and to <c>prod</c> of those that changed <c>chart/values-prod.yaml</c> (one of them
/// failed), a nightly evaluation running and a deployment waiting for approval. The history's times are moved by whole
/// days so that its last commit is less than a day old (the analytics look at the last days); their order, spacing and
/// times of day stay the commits'. Commits that end up older than the store's retention get no run (the store would
/// refuse it).
/// </summary>
internal static class DemoPipelines
{
    /// <summary>The repository the demo runs belong to.</summary>
    public const string Repository = "example/llm-gateway";

    private const string TestValues = "chart/values-test.yaml";
    private const string ProdValues = "chart/values-prod.yaml";
    private const long CiWorkflowId = 101;
    private const long NightlyWorkflowId = 102;
    private const long DeployWorkflowId = 103;
    private const long RunIds = 16_000_000_000;
    private const long DeploymentIds = 2_400_000_000;

    /// <summary>Failing commits, counted back from the newest (which always passes): two failures in a row, then single ones.</summary>
    private static readonly int[] RecentFailures = [4, 10, 17, 18];

    /// <summary>Failing commits, counted from the oldest.</summary>
    private static readonly int[] EarlyFailures = [8, 21, 22];

    /// <summary>Reads the commits of the demo repository's branch, oldest first, with the values files each one changed.</summary>
    public static IReadOnlyList<DemoCommit> ReadCommits(string repositoryPath)
    {
        using var repository = new Repository(repositoryPath);
        var branch = repository.Branches[Demo.DemoRepository.Branch] ?? repository.Head;
        var filter = new CommitFilter { IncludeReachableFrom = branch, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time | CommitSortStrategies.Reverse };
        var commits = new List<DemoCommit>();
        foreach (var commit in repository.Commits.QueryBy(filter))
        {
            var parent = commit.Parents.FirstOrDefault();
            var changes = repository.Diff.Compare<TreeChanges>(parent?.Tree, commit.Tree);
            var paths = changes.Select(static c => c.Path).ToHashSet(StringComparer.Ordinal);
            commits.Add(new DemoCommit(commit.Sha, commit.Author.Name, commit.MessageShort, commit.Author.When, paths.Contains(TestValues), paths.Contains(ProdValues)));
        }

        return commits;
    }

    /// <summary>
    /// Generates the runs, jobs, deployments and statuses of <paramref name="history"/> (oldest first) as seen at
    /// <paramref name="now"/>, for the commits that stay within <paramref name="retentionDays"/> once moved.
    /// </summary>
    public static DemoPipelineData Create(IReadOnlyList<DemoCommit> history, DateTimeOffset now, int retentionDays)
    {
        ArgumentNullException.ThrowIfNull(history);
        var shift = history.Count == 0 ? TimeSpan.Zero : Shift(history[^1].When, now);
        // An hour's margin: the store measures its retention from its own later clock.
        var oldest = now.AddDays(-retentionDays).AddHours(1);
        var commits = history.Where(c => c.When + shift >= oldest).ToList();
        var runs = new List<PipelineRun>();
        var jobs = new List<PipelineJob>();
        var deployments = new List<PipelineDeployment>();
        var statuses = new List<PipelineDeploymentStatus>();
        if (commits.Count == 0) return new DemoPipelineData(runs, jobs, deployments, statuses, 0);

        var failing = new HashSet<int>(EarlyFailures.Where(i => i < commits.Count - 1));
        foreach (var back in RecentFailures)
        {
            if (commits.Count - 1 - back > 0) failing.Add(commits.Count - 1 - back);
        }

        var prodDeployments = commits.Select((c, i) => (c, i)).Where(p => p.c.ChangesProd && !failing.Contains(p.i)).Select(static p => p.i).ToList();
        // The second newest deployment to prod failed; the newest one put it right.
        var failedProd = prodDeployments.Count >= 2 ? prodDeployments[^2] : -1;
        for (var i = 0; i < commits.Count; i++)
        {
            var commit = commits[i];
            var failed = failing.Contains(i);
            var (run, runJobs) = CiRun(commit, i, commit.When + shift, failed);
            runs.Add(run);
            jobs.AddRange(runJobs);
            if (failed) continue;
            if (commit.ChangesTest) Deploy(deployments, statuses, run, "test", TimeSpan.FromMinutes(2), succeeded: true);
            if (commit.ChangesProd) Deploy(deployments, statuses, run, "prod", TimeSpan.FromMinutes(25), succeeded: i != failedProd);
        }

        var newest = commits[^1];
        runs.Add(new PipelineRun
        {
            Id = RunIds + commits.Count + 1, Repository = Repository, WorkflowId = NightlyWorkflowId, WorkflowName = "Nightly evaluation", RunNumber = 1,
            Branch = Demo.DemoRepository.Branch, HeadSha = newest.Sha, Event = "schedule", Actor = "github-actions", Title = "Nightly evaluation",
            Status = PipelineStatus.InProgress, CreatedAt = now.AddMinutes(-6), StartedAt = now.AddMinutes(-5), UpdatedAt = now.AddMinutes(-1),
        });
        runs.Add(new PipelineRun
        {
            Id = RunIds + commits.Count + 2, Repository = Repository, WorkflowId = DeployWorkflowId, WorkflowName = "Deploy to prod", RunNumber = 1,
            Branch = Demo.DemoRepository.Branch, HeadSha = newest.Sha, Event = "workflow_dispatch", Actor = Login(newest.Author), Title = newest.Message,
            CommitAuthor = newest.Author, CommitAt = newest.When + shift, Status = PipelineStatus.Waiting, CreatedAt = now.AddMinutes(-3), UpdatedAt = now.AddMinutes(-3),
        });
        return new DemoPipelineData(runs, jobs, deployments, statuses, commits.Count);
    }

    /// <summary>Whole days that bring <paramref name="newest"/> into the last day before <paramref name="now"/> (at least an hour back).</summary>
    private static TimeSpan Shift(DateTimeOffset newest, DateTimeOffset now)
    {
        var days = Math.Floor((now - TimeSpan.FromHours(1) - newest).TotalDays);
        return TimeSpan.FromDays(days);
    }

    private static (PipelineRun Run, List<PipelineJob> Jobs) CiRun(DemoCommit commit, int index, DateTimeOffset committed, bool failed)
    {
        var id = RunIds + index + 1;
        var created = committed.AddSeconds(40);
        var started = created.AddSeconds(6 + (index * 11 % 30));
        var validateTook = TimeSpan.FromSeconds(55 + (index * 37 % 50));
        var evaluateTook = TimeSpan.FromSeconds(140 + (index * 53 % 110));
        var validate = Job(id, 1, "validate", started, validateTook, [("Set up job", 0.08), ("Check out", 0.07), ("Lint chart", 0.35), ("Validate prompts", 0.5)], failed ? 3 : null);
        var jobs = new List<PipelineJob> { validate };
        var completed = validate.CompletedAt!.Value.AddSeconds(3);
        if (failed)
        {
            jobs.Add(new PipelineJob
            {
                Id = (id * 10) + 2, RunId = id, Repository = Repository, Name = "evaluate", WorkflowName = "CI", Status = PipelineStatus.Completed,
                Conclusion = PipelineConclusion.Skipped, CreatedAt = completed, CompletedAt = completed,
            });
        }
        else
        {
            var evaluate = Job(id, 2, "evaluate", validate.CompletedAt!.Value.AddSeconds(4), evaluateTook, [("Set up job", 0.04), ("Check out", 0.03), ("Run evaluations", 0.85), ("Upload reports", 0.08)], null);
            jobs.Add(evaluate);
            completed = evaluate.CompletedAt!.Value.AddSeconds(3);
        }

        var run = new PipelineRun
        {
            Id = id, Repository = Repository, WorkflowId = CiWorkflowId, WorkflowName = "CI", RunNumber = index + 1, Branch = Demo.DemoRepository.Branch,
            HeadSha = commit.Sha, Event = "push", Actor = Login(commit.Author), Title = commit.Message, CommitAuthor = commit.Author, CommitAt = committed,
            Status = PipelineStatus.Completed, Conclusion = failed ? PipelineConclusion.Failure : PipelineConclusion.Success,
            CreatedAt = created, StartedAt = started, UpdatedAt = completed,
        };
        return (run, jobs);
    }

    /// <summary>A completed job whose steps share <paramref name="took"/>; with <paramref name="failingStep"/> (an index) that step fails and the later ones are skipped.</summary>
    private static PipelineJob Job(long runId, int number, string name, DateTimeOffset started, TimeSpan took, (string Name, double Share)[] steps, int? failingStep)
    {
        var list = new List<PipelineStep>();
        var at = started;
        for (var s = 0; s < steps.Length; s++)
        {
            var (stepName, share) = steps[s];
            if (failingStep is { } f && s > f)
            {
                list.Add(new PipelineStep(s + 1, stepName, PipelineStatus.Completed, PipelineConclusion.Skipped, null, null));
                continue;
            }

            var end = at + (took * share);
            list.Add(new PipelineStep(s + 1, stepName, PipelineStatus.Completed, failingStep == s ? PipelineConclusion.Failure : PipelineConclusion.Success, at, end));
            at = end;
        }

        return new PipelineJob
        {
            Id = (runId * 10) + number, RunId = runId, Repository = Repository, Name = name, WorkflowName = "CI", Status = PipelineStatus.Completed,
            Conclusion = failingStep is null ? PipelineConclusion.Success : PipelineConclusion.Failure, CreatedAt = started.AddSeconds(-3), StartedAt = started,
            CompletedAt = at, RunnerName = "GitHub Actions " + ((runId % 7) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Steps = list,
        };
    }

    private static void Deploy(List<PipelineDeployment> deployments, List<PipelineDeploymentStatus> statuses, PipelineRun run, string environment, TimeSpan after, bool succeeded)
    {
        var id = DeploymentIds + deployments.Count + 1;
        var created = run.UpdatedAt + after;
        var ended = created.AddMinutes(2);
        var state = succeeded ? DeploymentState.Success : DeploymentState.Failure;
        deployments.Add(new PipelineDeployment
        {
            Id = id, Repository = Repository, Environment = environment, Sha = run.HeadSha, Ref = Demo.DemoRepository.Branch, Task = "deploy",
            Description = $"Deploy {run.HeadSha[..7]} to {environment}", Creator = run.Actor, CreatedAt = created, RunId = run.Id,
        });
        statuses.Add(new PipelineDeploymentStatus((id * 10) + 1, id, Repository, DeploymentState.InProgress, "Deploying", run.Actor, created.AddSeconds(20)));
        statuses.Add(new PipelineDeploymentStatus((id * 10) + 2, id, Repository, state, succeeded ? "Deployed" : "The rollout did not become ready", run.Actor, ended));
    }

    /// <summary>A GitHub-like login from a name: <c>Ada Example</c> is <c>ada-example</c>.</summary>
    private static string Login(string name) => string.Join('-', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
