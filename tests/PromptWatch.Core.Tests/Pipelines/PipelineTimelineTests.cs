using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Timeline;
using PromptWatch.Repositories;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// Checks per change and deployed versions on a real Git history scanned by the monitor, with runs and deployments in
/// an <see cref="InMemoryPipelineStore"/>; the expected answers come from the test's own reading (the git command line
/// decides ancestry).
/// </summary>
public sealed class PipelineTimelineTests : IDisposable
{
    private const string Watched = "octo/prompts";
    private static readonly DateTimeOffset Start = GeneratedPipelineHistory.Now.AddDays(-10);
    private readonly TestRepository _repository = TestRepository.Create();
    private readonly TestRepository _other = TestRepository.Create();
    private readonly FakeTimeProvider _time = new(GeneratedPipelineHistory.Now);
    private readonly PromptWatchMetrics _metrics = new();
    private readonly PromptWatchOptions _options = new();
    private readonly InMemoryPipelineStore _store;
    private readonly Dictionary<string, string> _commits = new(StringComparer.Ordinal);

    public PipelineTimelineTests()
    {
        _store = new InMemoryPipelineStore(null, _time);
        // c1: summarize in both files; c2: summarize changes in test; f1 (a branch off c2, never merged): the README;
        // c3: the README; c4: summarize changes in prod, classify is added there; c5: summarize changes in test again.
        _commits["c1"] = Commit("Add summarize", 1, test: Values(("summarize", "m1")), prod: Values(("summarize", "m1")));
        _commits["c2"] = Commit("summarize: m2 in test", 2, test: Values(("summarize", "m2")));
        _repository.Git("checkout", "--quiet", "-b", "hotfix");
        _commits["f1"] = Commit("Hotfix the chart's README", 3, readme: "hotfix");
        _repository.Git("checkout", "--quiet", "main");
        _commits["c3"] = Commit("README", 4, readme: "docs");
        _commits["c4"] = Commit("prod: summarize m2, classify", 5, prod: Values(("summarize", "m2"), ("classify", "m1")));
        _commits["c5"] = Commit("summarize: m3 in test", 6, test: Values(("summarize", "m3")));
        _other.WriteFile("chart/values-test.yaml", Values(("classify", "x")));
        _other.Commit("Add classify", GitSignature.At(Start));

        _options.Repositories.Add(new WatchedRepositoryOptions { Name = Watched, Location = _repository.Path, FetchLocal = false });
        _options.Repositories.Add(new WatchedRepositoryOptions { Name = "octo/other", Location = _other.Path, FetchLocal = false });
    }

    private string this[string name] => _commits[name];

    [Fact]
    public async Task A_changes_checks_are_each_workflows_latest_run_at_its_commit_in_the_matching_repository()
    {
        var timeline = await ScanAsync();
        var t = Start.AddHours(7);
        PipelineRun Run(long id, string sha, long workflow, PipelineConclusion? conclusion, int minutes, string repository = Watched, PipelineStatus status = PipelineStatus.Completed, int attempt = 1) =>
            PipelineSamples.Run(id, t.AddMinutes(minutes), status, conclusion, repository) with { HeadSha = sha, WorkflowId = workflow, WorkflowName = workflow == 7 ? "ci" : "lint", Attempt = attempt };
        var runs = new[]
        {
            Run(1, this["c1"], 7, PipelineConclusion.Failure, 0),
            Run(2, this["c1"], 7, PipelineConclusion.Success, 20),                               // ci again, later: it decides
            Run(3, this["c1"], 8, PipelineConclusion.Success, 1),
            Run(4, this["c1"], 7, PipelineConclusion.Failure, 30, repository: "octo/fork"),      // another repository's run
            Run(5, this["c2"], 7, PipelineConclusion.Success, 2),
            Run(6, this["c2"], 8, PipelineConclusion.TimedOut, 3, attempt: 2),
            Run(7, this["c4"], 7, null, 4, status: PipelineStatus.InProgress),
            Run(8, this["c4"], 8, PipelineConclusion.Success, 5),
            Run(9, this["c5"], 7, PipelineConclusion.Cancelled, 6),
            Run(10, this["c5"], 8, PipelineConclusion.Skipped, 7),
            Run(11, this["c3"], 7, PipelineConclusion.Success, 8, repository: "octo/fork"),      // not a change: every repository counts
        };
        foreach (var run in runs) await _store.UpsertRunAsync(run, default);
        var unknown = PipelineSamples.Sha(4242);

        var checks = await Timeline().ChecksAsync([this["c1"], this["c2"][..7], this["c4"], this["c5"], this["c3"], unknown], timeline, default);

        Assert.Equal(
            [CommitCheckState.Passing, CommitCheckState.Failing, CommitCheckState.Pending, CommitCheckState.Undecided, CommitCheckState.Passing, null],
            checks.Select(static c => c.State));
        Assert.Equal([2L, 3], checks[0].Runs.Select(static r => r.Id));
        Assert.Equal(this["c2"][..7], checks[1].Sha);
        Assert.Equal([6L], checks[1].Runs.Where(static r => r.WorkflowName == "lint").Select(static r => r.Id));
        Assert.Equal([11L], checks[4].Runs.Select(static r => r.Id));
        Assert.Empty(checks[5].Runs);
    }

    [Fact]
    public void Generated_runs_give_the_state_each_workflows_latest_run_adds_up_to()
    {
        var random = new Random(20261202);
        var statuses = Enum.GetValues<PipelineStatus>();
        var conclusions = Enum.GetValues<PipelineConclusion>();
        for (var round = 0; round < 300; round++)
        {
            var runs = Enumerable.Range(1, random.Next(1, 8)).Select(i =>
            {
                var status = random.Next(3) == 0 ? statuses[random.Next(statuses.Length)] : PipelineStatus.Completed;
                var conclusion = status == PipelineStatus.Completed ? conclusions[random.Next(conclusions.Length)] : (PipelineConclusion?)null;
                return PipelineSamples.Run(i, Start.AddMinutes(random.Next(0, 5)), status, conclusion) with { WorkflowId = random.Next(1, 4) };
            }).ToList();

            // Each workflow's last run in creation order (ties: the higher id), then the first rule that applies.
            var last = new Dictionary<long, PipelineRun>();
            foreach (var run in runs.OrderBy(static r => r.CreatedAt).ThenBy(static r => r.Id)) last[run.WorkflowId] = run;
            var deciding = last.Values.ToList();
            CommitCheckState expected;
            if (deciding.Exists(static r => r.Conclusion is PipelineConclusion.Failure or PipelineConclusion.TimedOut or PipelineConclusion.StartupFailure)) expected = CommitCheckState.Failing;
            else if (deciding.Exists(static r => r.Status != PipelineStatus.Completed)) expected = CommitCheckState.Pending;
            else if (deciding.TrueForAll(static r => r.Conclusion is PipelineConclusion.Success or PipelineConclusion.Skipped) && deciding.Exists(static r => r.Conclusion == PipelineConclusion.Success)) expected = CommitCheckState.Passing;
            else expected = CommitCheckState.Undecided;

            var checks = CommitChecks.Compute("sha", runs);

            Assert.Equal(expected, checks.State);
            Assert.Equal(deciding.Select(static r => r.Id).Order(), checks.Runs.Select(static r => r.Id).Order());
        }
    }

    [Fact]
    public async Task The_deployed_version_is_the_newest_change_at_or_before_the_latest_successful_deployments_commit()
    {
        var timeline = await ScanAsync();
        var t = Start.AddHours(8);
        await _store.UpsertRunAsync(PipelineSamples.Run(20, t, repository: Watched) with { HeadSha = this["c3"], HtmlUrl = "https://ci.example/runs/20" }, default);
        await DeployAsync(1, "production", this["c1"], t, DeploymentState.Success);
        await DeployAsync(2, "production", this["c3"], t.AddMinutes(10), DeploymentState.Success, runId: 20);
        await DeployAsync(3, "production", this["c5"], t.AddMinutes(20), DeploymentState.Failure);             // failed: c3 stays live
        await DeployAsync(4, "staging", this["f1"], t.AddMinutes(30), DeploymentState.Success, DeploymentState.Inactive); // replaced after it succeeded
        await DeployAsync(5, "staging", this["c4"], t.AddMinutes(40), DeploymentState.Error);
        await DeployAsync(6, "production", this["c5"], t.AddMinutes(50), DeploymentState.Success, repository: "octo/fork");

        var pipelines = Timeline();
        var deployed = await pipelines.DeployedAsync(null, default);
        var versions = await pipelines.VersionsAsync(1, timeline, default);

        Assert.Equal(
            [("octo/fork", "production", this["c5"], 6L), (Watched, "production", this["c3"], 2L), (Watched, "staging", this["f1"], 4L)],
            deployed.Select(static d => (d.Repository, d.Environment, d.Sha, d.DeploymentId)));
        var production = deployed[1];
        Assert.Equal((20L, "https://ci.example/runs/20", t.AddMinutes(11)), (production.RunId, production.RunUrl, production.DeployedAt));
        Assert.Equal(t.AddMinutes(31), deployed[2].DeployedAt);

        // prod follows production (c3), test follows staging (f1, a branch off c2): the answer is Git's, not the dates'.
        var expected = new Dictionary<UseCaseKey, string?>
        {
            [new(Watched, "prod", "summarize")] = NewestAtOrBefore([this["c4"], this["c1"]], this["c3"]),
            [new(Watched, "prod", "classify")] = NewestAtOrBefore([this["c4"]], this["c3"]),
            [new(Watched, "test", "summarize")] = NewestAtOrBefore([this["c5"], this["c2"], this["c1"]], this["f1"]),
        };
        Assert.Equal(this["c1"], expected[new(Watched, "prod", "summarize")]);
        Assert.Null(expected[new(Watched, "prod", "classify")]);
        Assert.Equal(this["c2"], expected[new(Watched, "test", "summarize")]);
        Assert.Equal(expected.Keys.Select(static k => k.ToString()).Order(), versions.Keys.Select(static k => k.ToString()).Order());
        foreach (var (key, sha) in expected) Assert.Equal(sha, versions[key]?.VersionSha);
        Assert.Equal(2L, versions[new(Watched, "prod", "summarize")]!.Deployment.DeploymentId);
        Assert.Equal(4L, versions[new(Watched, "test", "summarize")]!.Deployment.DeploymentId);

        // Mapped explicitly, test follows production: c2 is the newest test change at or before c3.
        var mapped = Timeline(o => o.Environments["TEST"] = "Production");
        var test = (await mapped.VersionsAsync(1, timeline, default))[new(Watched, "test", "summarize")];
        Assert.Equal((this["c2"], 2L), (test?.VersionSha, test?.Deployment.DeploymentId));

        // A deployed commit the watched repository does not have: deployed, version unknown.
        await DeployAsync(7, "production", PipelineSamples.Sha(77), t.AddMinutes(60), DeploymentState.Success);
        var unknown = (await pipelines.VersionsAsync(1, timeline, default))[new(Watched, "prod", "summarize")];
        Assert.Equal((null, 7L), (unknown?.VersionSha, unknown?.Deployment.DeploymentId));
    }

    [Fact]
    public void A_single_watched_repository_answers_for_every_pipeline_repository_even_with_a_configured_name()
    {
        var one = new PromptWatchOptions();
        one.Repositories.Add(new WatchedRepositoryOptions { Name = "service", Location = _repository.Path });
        var map = WatchedRepositoryMap.FromOptions(one);
        var two = WatchedRepositoryMap.FromOptions(_options);

        Assert.Equal("service", map.Find("octo/anything")?.Name);
        Assert.Equal(1, map.Match("service", "octo/anything"));
        Assert.Equal(2, two.Match(Watched, "OCTO/prompts"));
        Assert.Equal(0, two.Match(Watched, "octo/fork"));
        Assert.Null(two.Find("octo/fork"));
        Assert.Equal("octo/other", two.Find("octo/other")?.Name);
    }

    [Fact]
    public void An_empty_deployment_environment_is_refused_naming_its_key()
    {
        var options = new PipelineOptions();
        options.Environments["prod"] = " ";
        options.Environments["test"] = new string('x', 256);

        var result = new PipelineOptionsValidator().Validate(null, options);

        Assert.Equal(
            ["PromptWatch:Pipelines:Environments:prod must name a deployment environment.", "PromptWatch:Pipelines:Environments:test must be at most 255 characters (it is 256)."],
            result.Failures);
    }

    private PipelineTimeline Timeline(Action<PipelineOptions>? configure = null)
    {
        var options = new PipelineOptions();
        configure?.Invoke(options);
        return new PipelineTimeline(_store, Options.Create(options), GitCommitAncestry.FromWatched(_options), _time);
    }

    private async Task<IReadOnlyList<TimelineEntry>> ScanAsync()
    {
        using var monitor = new PromptWatchMonitor(Options.Create(_options), [], _metrics, timeProvider: _time);
        var result = await monitor.RefreshAsync();
        Assert.True(result.Ok, string.Join("; ", result.Errors.Values));
        var timeline = monitor.Current.Timeline;
        Assert.Equal(
            [this["c5"], this["c4"], this["c4"], this["c2"], this["c1"], this["c1"]],
            timeline.Where(static e => e.Repository == Watched).Select(static e => e.Change.Commit.Sha));
        return timeline;
    }

    private async Task DeployAsync(long id, string environment, string sha, DateTimeOffset at, DeploymentState state, DeploymentState? then = null, long? runId = null, string repository = Watched)
    {
        await _store.UpsertDeploymentAsync(PipelineSamples.Deployment(id, at, environment, sha, repository) with { RunId = runId }, default);
        await _store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(id * 10, id, repository, state, null, "mona", at.AddMinutes(1)), default);
        if (then is { } later) await _store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(id * 10 + 1, id, repository, later, null, "mona", at.AddMinutes(5)), default);
    }

    // The first of the changes (newest first) that git says is the deployed commit or one of its ancestors.
    private string? NewestAtOrBefore(IEnumerable<string> changes, string deployed)
    {
        foreach (var sha in changes)
        {
            try
            {
                _repository.Git("merge-base", "--is-ancestor", sha, deployed);
                return sha;
            }
            catch (InvalidOperationException)
            {
                // Not an ancestor: git exits with 1.
            }
        }

        return null;
    }

    private string Commit(string message, int hour, string? test = null, string? prod = null, string? readme = null)
    {
        if (test is not null) _repository.WriteFile("chart/values-test.yaml", test);
        if (prod is not null) _repository.WriteFile("chart/values-prod.yaml", prod);
        if (readme is not null) _repository.WriteFile("chart/README.md", readme);
        return _repository.Commit(message, GitSignature.At(Start.AddHours(hour)));
    }

    private static string Values(params (string UseCase, string Model)[] useCases) =>
        string.Concat(useCases.Select(static u => $"{u.UseCase}:\n  model: {u.Model}\n  prompt: Do it.\n"));

    public void Dispose()
    {
        _metrics.Dispose();
        _repository.Dispose();
        _other.Dispose();
    }
}
