using PromptWatch.Pipelines;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// The store contract's limits, held against every store alike: <see cref="PipelineOptions.RetentionDays"/> for jobs,
/// deployments and statuses, <see cref="PipelineOptions.MaxRuns"/> for deployments, 20 jobs per run kept
/// (<c>MaxRuns</c> × 20 jobs in all), and statuses waiting for their deployment bounded by <c>MaxRuns</c>.
/// </summary>
public abstract partial class PipelineStoreContract
{
    private const int JobsPerRun = 20;

    [Fact]
    public async Task Beyond_20_jobs_per_run_kept_the_oldest_jobs_go_first()
    {
        var maxJobs = Options.MaxRuns * JobsPerRun;
        var start = Now.AddDays(-2);
        for (var i = 1; i <= maxJobs + 3; i++)
        {
            var run = (i - 1) / JobsPerRun + 1;
            Assert.True(await Store.UpsertJobAsync(PipelineSamples.Job(i, run, start.AddSeconds(i)), default));
        }

        var jobs = await Store.GetJobsSinceAsync(DateTimeOffset.MinValue, null, default);
        Assert.Equal(maxJobs, jobs.Count);
        Assert.Equal(4, jobs[0].Id);
        Assert.Equal(maxJobs + 3, jobs[^1].Id);
        // The first run lost its three oldest jobs; the last run (three jobs) has them all.
        Assert.Equal(JobsPerRun - 3, (await Store.GetJobsAsync(1, default)).Count);
        Assert.Equal(3, (await Store.GetJobsAsync(Options.MaxRuns + 1, default)).Count);
    }

    [Fact]
    public async Task Beyond_MaxRuns_the_oldest_deployments_go_with_their_statuses()
    {
        for (var i = 1; i <= Options.MaxRuns + 5; i++)
        {
            await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(i, Now.AddDays(-1).AddMinutes(i)), default);
            await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(i * 10, i, PipelineSamples.Repository, DeploymentState.Success, null, null, Now.AddDays(-1).AddMinutes(i + 1)), default);
        }

        // One more write trims after the last status.
        await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(Options.MaxRuns + 6, Now.AddMinutes(-1)), default);

        var deployments = await Store.GetDeploymentsAsync(null, null, null, default);
        Assert.Equal(Options.MaxRuns, deployments.Count);
        Assert.DoesNotContain(deployments, static d => d.Id <= 6);
        Assert.Empty(await Store.GetDeploymentStatusesAsync(6, default));
        Assert.Single(await Store.GetDeploymentStatusesAsync(7, default));
    }

    [Fact]
    public async Task Jobs_deployments_and_statuses_older_than_the_retention_are_refused_and_expire_with_their_deployment()
    {
        Assert.False(await Store.UpsertJobAsync(PipelineSamples.Job(1, 1, Now.AddDays(-31)), default));
        Assert.False(await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(1, Now.AddDays(-31)), default));
        Assert.True(await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(2, Now.AddDays(-29)), default));
        Assert.False(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(10, 2, PipelineSamples.Repository, DeploymentState.Success, null, null, Now.AddDays(-31)), default));
        Assert.True(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(20, 2, PipelineSamples.Repository, DeploymentState.Success, null, null, Now.AddDays(-29)), default));
        Assert.Empty(await Store.GetJobsSinceAsync(DateTimeOffset.MinValue, null, default));

        Time.Advance(TimeSpan.FromDays(2));
        // The next write trims what the retention left behind.
        Assert.True(await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(3, Now.AddHours(-1)), default));

        Assert.Equal([3L], (await Store.GetDeploymentsAsync(null, null, null, default)).Select(static d => d.Id));
        Assert.Empty(await Store.GetDeploymentStatusesAsync(2, default));
    }

    [Fact]
    public async Task Statuses_waiting_for_their_deployment_are_bounded_by_MaxRuns()
    {
        for (var i = 1; i <= Options.MaxRuns; i++)
        {
            Assert.True(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(i, 1000 + i, PipelineSamples.Repository, DeploymentState.Pending, null, null, Now.AddMinutes(-i)), default));
        }

        // A further deployment's status waits nowhere; another status of a deployment already waiting is kept.
        Assert.False(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(5000, 5000, PipelineSamples.Repository, DeploymentState.Pending, null, null, Now.AddMinutes(-1)), default));
        Assert.Empty(await Store.GetDeploymentStatusesAsync(5000, default));
        Assert.True(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(6000, 1001, PipelineSamples.Repository, DeploymentState.Success, null, null, Now.AddMinutes(-1)), default));

        // Once its deployment arrives, a status waits no longer and makes room.
        Assert.True(await Store.UpsertDeploymentAsync(PipelineSamples.Deployment(1001, Now.AddHours(-1)), default));
        Assert.True(await Store.AddDeploymentStatusAsync(new PipelineDeploymentStatus(5001, 5000, PipelineSamples.Repository, DeploymentState.Pending, null, null, Now.AddMinutes(-1)), default));
        Assert.Equal(DeploymentState.Success, Assert.Single(await Store.GetDeploymentsAsync(null, null, null, default)).LatestState);
    }
}
