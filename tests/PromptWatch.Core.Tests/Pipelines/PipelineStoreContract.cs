using Microsoft.Extensions.Time.Testing;
using PromptWatch.Pipelines;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// What every <see cref="IPipelineStore"/> does, with the same expectations against the in-memory store (the
/// reference) and the Redis store. Each test gets a new, empty store whose retention is measured by <see cref="Time"/>.
/// </summary>
public abstract partial class PipelineStoreContract : IAsyncLifetime
{
    private IPipelineStore? _store;

    /// <summary>The store's clock, moved by the tests.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The store under test, new (and empty) for each test.</summary>
    protected IPipelineStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>The retention every store of this suite is made with.</summary>
    protected static PipelineOptions Options => new() { RetentionDays = 30, MaxRuns = 100 };

    private DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Makes an empty store with <paramref name="options"/>, measuring retention by <paramref name="time"/>.</summary>
    protected abstract Task<IPipelineStore> CreateStoreAsync(PipelineOptions options, TimeProvider time);

    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync(Options, Time);

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else if (_store is IDisposable plain) plain.Dispose();
    }

    [Fact]
    public async Task A_run_is_stored_read_back_and_an_identical_upsert_changes_nothing()
    {
        var run = PipelineSamples.Run(1, Now.AddHours(-1), PipelineStatus.InProgress);

        Assert.True(await Store.UpsertRunAsync(run, default));
        Assert.False(await Store.UpsertRunAsync(run, default));
        Assert.Equal(run, await Store.GetRunAsync(1, default));
        Assert.Null(await Store.GetRunAsync(2, default));
    }

    [Fact]
    public async Task A_completed_attempt_is_kept_against_older_events_and_replaced_by_a_later_attempt()
    {
        var created = Now.AddHours(-1);
        var running = PipelineSamples.Run(1, created, PipelineStatus.InProgress);
        var done = PipelineSamples.Run(1, created, PipelineStatus.Completed, PipelineConclusion.Failure);
        Assert.True(await Store.UpsertRunAsync(running, default));
        Assert.True(await Store.UpsertRunAsync(done, default));

        Assert.False(await Store.UpsertRunAsync(running with { UpdatedAt = done.UpdatedAt.AddMinutes(1) }, default));
        Assert.False(await Store.UpsertRunAsync(done with { Conclusion = PipelineConclusion.Success }, default));
        Assert.Equal(PipelineConclusion.Failure, (await Store.GetRunAsync(1, default))!.Conclusion);

        var second = running with { Attempt = 2, UpdatedAt = done.UpdatedAt.AddMinutes(2) };
        Assert.True(await Store.UpsertRunAsync(second, default));
        Assert.False(await Store.UpsertRunAsync(done, default));
        Assert.Equal(2, (await Store.GetRunAsync(1, default))!.Attempt);
    }

    [Fact]
    public async Task An_older_event_of_a_running_attempt_does_not_replace_a_newer_one()
    {
        var run = PipelineSamples.Run(1, Now.AddHours(-1), PipelineStatus.InProgress);
        Assert.True(await Store.UpsertRunAsync(run, default));

        Assert.False(await Store.UpsertRunAsync(run with { Status = PipelineStatus.Queued, UpdatedAt = run.UpdatedAt.AddSeconds(-5) }, default));
        Assert.True(await Store.UpsertRunAsync(run with { Title = "renamed", UpdatedAt = run.UpdatedAt.AddSeconds(5) }, default));
        Assert.Equal("renamed", (await Store.GetRunAsync(1, default))!.Title);
    }

    [Fact]
    public async Task Jobs_of_the_latest_attempt_are_returned_by_start_time_with_unstarted_jobs_last()
    {
        var created = Now.AddHours(-1);
        await Store.UpsertRunAsync(PipelineSamples.Run(1, created), default);
        await Store.UpsertJobAsync(PipelineSamples.Job(10, 1, created, attempt: 1), default);
        await Store.UpsertJobAsync(PipelineSamples.Job(11, 1, created, attempt: 1, name: "test"), default);
        await Store.UpsertJobAsync(PipelineSamples.Job(22, 1, created.AddMinutes(10), attempt: 2, status: PipelineStatus.Queued), default);
        await Store.UpsertJobAsync(PipelineSamples.Job(21, 1, created.AddMinutes(12), attempt: 2), default);
        await Store.UpsertJobAsync(PipelineSamples.Job(20, 1, created.AddMinutes(11), attempt: 2), default);
        await Store.UpsertJobAsync(PipelineSamples.Job(30, 2, created), default);

        var jobs = await Store.GetJobsAsync(1, default);

        Assert.Equal([20L, 21L, 22L], jobs.Select(static j => j.Id));
        Assert.Empty(await Store.GetJobsAsync(3, default));
    }

    [Fact]
    public async Task A_completed_job_is_not_replaced_by_an_older_event_of_its_attempt()
    {
        var created = Now.AddHours(-1);
        var done = PipelineSamples.Job(10, 1, created);
        Assert.True(await Store.UpsertJobAsync(PipelineSamples.Job(10, 1, created, status: PipelineStatus.InProgress), default));
        Assert.True(await Store.UpsertJobAsync(done, default));
        Assert.False(await Store.UpsertJobAsync(PipelineSamples.Job(10, 1, created, status: PipelineStatus.InProgress), default));
        Assert.False(await Store.UpsertJobAsync(done, default));

        var job = Assert.Single(await Store.GetJobsAsync(1, default));
        Assert.Equal(PipelineStatus.Completed, job.Status);
        Assert.Equal("Set up job", Assert.Single(job.Steps).Name);
    }

    [Fact]
    public async Task Runs_are_paged_newest_first_with_the_total_count()
    {
        for (var i = 1; i <= 45; i++) await Store.UpsertRunAsync(PipelineSamples.Run(i, Now.AddMinutes(-i)), default);
        // Two runs created at the same moment: the higher id first.
        await Store.UpsertRunAsync(PipelineSamples.Run(100, Now.AddMinutes(-1)), default);

        var first = await Store.QueryRunsAsync(new PipelineRunQuery { PerPage = 20 }, default);
        var third = await Store.QueryRunsAsync(new PipelineRunQuery { Page = 3, PerPage = 20 }, default);
        var beyond = await Store.QueryRunsAsync(new PipelineRunQuery { Page = 4, PerPage = 20 }, default);

        Assert.Equal(46, first.TotalCount);
        Assert.Equal([100L, 1, 2, 3], first.Items.Take(4).Select(static r => r.Id));
        Assert.Equal(20, first.Items.Count);
        Assert.Equal([40L, 41, 42, 43, 44, 45], third.Items.Select(static r => r.Id));
        Assert.Equal(3, third.Page);
        Assert.Empty(beyond.Items);
        Assert.Equal(46, beyond.TotalCount);
    }

    [Fact]
    public async Task Every_filter_narrows_the_runs_and_the_count()
    {
        var at = Now.AddDays(-2);
        await Store.UpsertRunAsync(PipelineSamples.Run(1, at), default);
        await Store.UpsertRunAsync(PipelineSamples.Run(2, at.AddHours(1), conclusion: PipelineConclusion.Failure) with { Branch = "feature/x", Actor = "hubot" }, default);
        await Store.UpsertRunAsync(PipelineSamples.Run(3, at.AddHours(2), PipelineStatus.InProgress) with { WorkflowName = "Deploy", Event = "workflow_dispatch" }, default);
        await Store.UpsertRunAsync(PipelineSamples.Run(4, at.AddHours(3), repository: "octo/other"), default);
        await Store.UpsertRunAsync(PipelineSamples.Run(5, at.AddHours(4), PipelineStatus.Queued), default);

        async Task<long[]> Ids(PipelineRunQuery query)
        {
            var page = await Store.QueryRunsAsync(query, default);
            Assert.Equal(page.Items.Count, page.TotalCount);
            return [.. page.Items.Select(static r => r.Id)];
        }

        Assert.Equal(new long[] { 3L }, await Ids(new PipelineRunQuery { Repository = "OCTO/prompts", Status = PipelineStatus.InProgress }));
        Assert.Equal(new long[] { 5L }, await Ids(new PipelineRunQuery { Status = PipelineStatus.Queued }));
        Assert.Equal(new long[] { 2L }, await Ids(new PipelineRunQuery { Conclusion = PipelineConclusion.Failure }));
        Assert.Equal(new long[] { 2L }, await Ids(new PipelineRunQuery { Branch = "feature/x" }));
        Assert.Equal(new long[] { 3L }, await Ids(new PipelineRunQuery { Workflow = "deploy" }));
        Assert.Equal(new long[] { 2L }, await Ids(new PipelineRunQuery { Actor = "HUBOT" }));
        Assert.Equal(new long[] { 3L }, await Ids(new PipelineRunQuery { Event = "workflow_dispatch" }));
        Assert.Equal(new long[] { 4L }, await Ids(new PipelineRunQuery { Repository = "octo/other" }));
        Assert.Equal(new long[] { 4L, 3, 2 }, await Ids(new PipelineRunQuery { CreatedFrom = at.AddHours(1), CreatedTo = at.AddHours(3) }));
        Assert.Equal(new long[] { 5L, 3, 1 }, await Ids(new PipelineRunQuery { Repository = PipelineSamples.Repository, Actor = "mona" }));
        Assert.Empty(await Ids(new PipelineRunQuery { CreatedFrom = at.AddHours(3), CreatedTo = at.AddHours(1) }));
    }

    [Fact]
    public async Task The_analytics_input_is_every_run_and_job_since_a_time_oldest_first()
    {
        var at = Now.AddDays(-3);
        for (var i = 1; i <= 6; i++)
        {
            var repository = i % 2 == 0 ? "octo/other" : PipelineSamples.Repository;
            await Store.UpsertRunAsync(PipelineSamples.Run(i, at.AddHours(i), repository: repository), default);
            await Store.UpsertJobAsync(PipelineSamples.Job(i * 10, i, at.AddHours(i), repository: repository), default);
        }

        Assert.Equal(new long[] { 3L, 4, 5, 6 }, (await Store.GetRunsSinceAsync(at.AddHours(3), null, default)).Select(static r => r.Id));
        Assert.Equal(new long[] { 3L, 5 }, (await Store.GetRunsSinceAsync(at.AddHours(3), "Octo/Prompts", default)).Select(static r => r.Id));
        Assert.Equal(new long[] { 40L, 60 }, (await Store.GetJobsSinceAsync(at.AddHours(3), "octo/other", default)).Select(static j => j.Id));
        Assert.Empty(await Store.GetRunsSinceAsync(Now.AddHours(1), null, default));
    }

    [Fact]
    public async Task Deployments_are_listed_newest_first_and_filtered()
    {
        var at = Now.AddDays(-1);
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(1, at), default);
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(2, at.AddHours(1), "staging"), default);
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(3, at.AddHours(2)), default);
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(4, at.AddHours(3), repository: "octo/other"), default);

        Assert.Equal(new long[] { 4L, 3, 2, 1 }, (await Store.GetDeploymentsAsync(null, null, null, default)).Select(static d => d.Id));
        Assert.Equal(new long[] { 3L, 1 }, (await Store.GetDeploymentsAsync(PipelineSamples.Repository, "PRODUCTION", null, default)).Select(static d => d.Id));
        Assert.Equal(new long[] { 3L, 2 }, (await Store.GetDeploymentsAsync(PipelineSamples.Repository, null, at.AddHours(1), default)).Select(static d => d.Id));
        Assert.False(await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(1, at), default));
    }

    [Fact]
    public async Task Statuses_set_the_latest_state_only_when_newer_and_are_listed_oldest_first()
    {
        var at = Now.AddHours(-2);
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(1, at), default);
        var inProgress = new PipelineDeploymentStatus(11, 1, PipelineSamples.Repository, DeploymentState.InProgress, null, "bot", at.AddMinutes(1));
        var success = new PipelineDeploymentStatus(12, 1, PipelineSamples.Repository, DeploymentState.Success, "deployed", "bot", at.AddMinutes(5));

        Assert.True(await Store.AddDeploymentStatusAsync(success, default));
        Assert.True(await Store.AddDeploymentStatusAsync(inProgress, default));
        Assert.False(await Store.AddDeploymentStatusAsync(success, default));

        var deployment = Assert.Single(await Store.GetDeploymentsAsync(null, null, null, default));
        Assert.Equal(DeploymentState.Success, deployment.LatestState);
        Assert.Equal(success.CreatedAt, deployment.LatestStateAt);
        Assert.Equal(new long[] { 11L, 12 }, (await Store.GetDeploymentStatusesAsync(1, default)).Select(static s => s.Id));

        // The deployment again, as a poll sees it without statuses: its latest state stays.
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(1, at) with { RunId = 99 }, default);
        deployment = Assert.Single(await Store.GetDeploymentsAsync(null, null, null, default));
        Assert.Equal(DeploymentState.Success, deployment.LatestState);
        Assert.Equal(99, deployment.RunId);
    }

    [Fact]
    public async Task A_status_that_arrives_before_its_deployment_gives_it_its_state()
    {
        var at = Now.AddHours(-2);
        Assert.True(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(11, 1, PipelineSamples.Repository, DeploymentState.Failure, null, null, at.AddMinutes(3)), default));
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(1, at), default);

        var deployment = Assert.Single(await Store.GetDeploymentsAsync(null, null, null, default));
        Assert.Equal(DeploymentState.Failure, deployment.LatestState);
    }

    [Fact]
    public async Task Beyond_MaxRuns_the_oldest_runs_go_with_their_jobs()
    {
        for (var i = 1; i <= Options.MaxRuns + 5; i++)
        {
            await Store.UpsertRunAsync(PipelineSamples.Run(i, Now.AddDays(-1).AddMinutes(i)), default);
            await Store.UpsertJobAsync(PipelineSamples.Job(i * 10, i, Now.AddDays(-1).AddMinutes(i)), default);
        }

        var page = await Store.QueryRunsAsync(new PipelineRunQuery { Page = 2, PerPage = 100 }, default);
        Assert.Equal(Options.MaxRuns, page.TotalCount);
        Assert.Null(await Store.GetRunAsync(5, default));
        Assert.NotNull(await Store.GetRunAsync(6, default));
        Assert.Empty(await Store.GetJobsAsync(5, default));
        Assert.Single(await Store.GetJobsAsync(6, default));
    }

    [Fact]
    public async Task Runs_older_than_the_retention_are_refused_and_expire()
    {
        Assert.False(await Store.UpsertRunAsync(PipelineSamples.Run(1, Now.AddDays(-31)), default));
        Assert.True(await Store.UpsertRunAsync(PipelineSamples.Run(2, Now.AddDays(-29)), default));
        Assert.True(await Store.UpsertJobAsync(PipelineSamples.Job(20, 2, Now.AddDays(-29)), default));
        Assert.True(await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(3, Now.AddDays(-29)), default));

        Time.Advance(TimeSpan.FromDays(2));

        Assert.Null(await Store.GetRunAsync(2, default));
        Assert.Equal(0, (await Store.QueryRunsAsync(new PipelineRunQuery(), default)).TotalCount);
        Assert.Empty(await Store.GetRunsSinceAsync(DateTimeOffset.MinValue, null, default));
        Assert.Empty(await Store.GetJobsSinceAsync(DateTimeOffset.MinValue, null, default));
        Assert.Empty(await Store.GetDeploymentsAsync(null, null, null, default));
    }

    [Fact]
    public async Task The_version_changes_with_every_change_and_with_nothing_else()
    {
        var versions = new List<long>();
        async Task Read() => versions.Add(await Store.GetVersionAsync(default) ?? throw new InvalidOperationException("The store keeps no version."));
        var at = Now.AddHours(-2);

        await Read();
        Assert.True(await Store.UpsertRunAsync(PipelineSamples.Run(1, at), default));
        await Read();
        Assert.False(await Store.UpsertRunAsync(PipelineSamples.Run(1, at), default));
        await Read();
        Assert.True(await Store.UpsertJobAsync(PipelineSamples.Job(10, 1, at), default));
        await Read();
        Assert.True(await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(5, at), default));
        await Read();
        Assert.True(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(50, 5, PipelineSamples.Repository, DeploymentState.Success, null, null, at.AddMinutes(1)), default));
        await Read();
        Assert.False(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(50, 5, PipelineSamples.Repository, DeploymentState.Success, null, null, at.AddMinutes(1)), default));
        await Read();
        _ = await Store.GetRunsSinceAsync(at.AddDays(-1), null, default);
        _ = await Store.GetDeploymentsAsync(null, null, null, default);
        await Read();
        // A write that trims: the first run (and its job) go past the retention when a new run is stored later on.
        Time.Advance(TimeSpan.FromDays(Options.RetentionDays));
        Assert.True(await Store.UpsertRunAsync(PipelineSamples.Run(2, Now.AddMinutes(-1)), default));
        await Read();

        // Run, the same run again, job, deployment, status, the same status again, reads, a run with a trim.
        Assert.Equal([true, false, true, true, true, false, false, true], versions.Zip(versions.Skip(1), static (a, b) => b != a));
        Assert.True(versions.Zip(versions.Skip(1)).All(static p => p.Second >= p.First), "The version only grows.");
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing()
    {
        var at = Now.AddDays(-1);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var id = (w * 20) + i + 1;
                await Store.UpsertRunAsync(PipelineSamples.Run(id, at.AddSeconds(id), PipelineStatus.InProgress), default);
                await Store.UpsertRunAsync(PipelineSamples.Run(id, at.AddSeconds(id)), default);
            }
        })));

        var page = await Store.QueryRunsAsync(new PipelineRunQuery { PerPage = 100 }, default);
        Assert.Equal(80, page.TotalCount);
        Assert.All(page.Items, static r => Assert.True(r.IsCompleted));
    }
}
