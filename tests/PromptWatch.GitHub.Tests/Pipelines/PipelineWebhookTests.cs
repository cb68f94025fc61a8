using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Tests.Pipelines;

/// <summary>
/// GitHub's own example deliveries (the fixtures), signed, through the real receiver into the pipeline store: each
/// updates the store and publishes one <see cref="PipelineChange"/>; a redelivery publishes nothing. Expected values
/// are read from the fixture files here, not from the mapping under test.
/// </summary>
public sealed class PipelineWebhookTests
{
    private static JsonElement Part(string file, string name)
    {
        using var document = JsonDocument.Parse(Fixtures.Read(file));
        return document.RootElement.GetProperty(name).Clone();
    }

    private static async Task<GitHubHost> StartAsync(ConcurrentQueue<PipelineChange> changes)
    {
        var host = await GitHubHost.StartAsync(alerting: b => b.AddPipelines(o => o.RetentionDays = 3650));
        host.Services.GetRequiredService<IPipelineEvents>().Subscribe(change =>
        {
            changes.Enqueue(change);
            return ValueTask.CompletedTask;
        });
        return host;
    }

    private static async Task DeliverAsync(GitHubHost host, string file, long processed, string? delivery = null)
    {
        var eventName = file[..file.IndexOf('/', StringComparison.Ordinal)];
        using var response = await host.PostAsync(eventName, Fixtures.Read(file), delivery);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitProcessedAsync(processed);
    }

    [Fact]
    public async Task Workflow_run_deliveries_store_the_run_and_publish_each_change_once()
    {
        var changes = new ConcurrentQueue<PipelineChange>();
        await using var host = await StartAsync(changes);
        var store = host.Services.GetRequiredService<IPipelineStore>();
        var requested = Part("workflow_run/requested.payload.json", "workflow_run");
        var completed = Part("workflow_run/completed.payload.json", "workflow_run");
        var id = requested.GetProperty("id").GetInt64();

        await DeliverAsync(host, "workflow_run/requested.payload.json", 1);
        var run = await store.GetRunAsync(id, CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal("octo-org/octo-repo", run.Repository);
        Assert.Equal(PipelineStatus.Queued, run.Status);
        Assert.Null(run.Conclusion);
        Assert.Equal(requested.GetProperty("head_sha").GetString(), run.HeadSha);
        Assert.Equal(requested.GetProperty("head_branch").GetString(), run.Branch);
        Assert.Equal(requested.GetProperty("event").GetString(), run.Event);
        Assert.Equal((int)requested.GetProperty("run_number").GetInt64(), run.RunNumber);
        Assert.Equal(requested.GetProperty("created_at").GetDateTimeOffset(), run.CreatedAt);

        await DeliverAsync(host, "workflow_run/completed.payload.json", 2);
        run = await store.GetRunAsync(id, CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal(PipelineStatus.Completed, run.Status);
        Assert.Equal(PipelineConclusion.Success, run.Conclusion);
        Assert.Equal(completed.GetProperty("updated_at").GetDateTimeOffset(), run.UpdatedAt);

        // An older event of the same attempt arriving late, and a redelivery, change nothing and publish nothing.
        await DeliverAsync(host, "workflow_run/requested.payload.json", 3);
        await DeliverAsync(host, "workflow_run/completed.payload.json", 4);
        Assert.Equal(PipelineStatus.Completed, (await store.GetRunAsync(id, CancellationToken.None))!.Status);
        var published = changes.Where(c => c.Kind == PipelineChangeKind.Run).ToList();
        Assert.Equal(2, published.Count);
        Assert.Equal(PipelineStatus.Queued, published[0].Run!.Status);
        Assert.Equal(PipelineStatus.Completed, published[1].Run!.Status);
        Assert.All(published, c => Assert.Equal("octo-org/octo-repo", c.Repository));
    }

    [Fact]
    public async Task Workflow_job_deliveries_store_the_job_with_its_steps()
    {
        var changes = new ConcurrentQueue<PipelineChange>();
        await using var host = await StartAsync(changes);
        var store = host.Services.GetRequiredService<IPipelineStore>();
        const string file = "workflow_job/completed.success.with-organization.payload.json";
        var expected = Part(file, "workflow_job");
        var runId = expected.GetProperty("run_id").GetInt64();

        await DeliverAsync(host, "workflow_job/queued.payload.json", 1);
        await DeliverAsync(host, file, 2);
        var jobs = await store.GetJobsAsync(runId, CancellationToken.None);
        var job = Assert.Single(jobs);
        Assert.Equal(expected.GetProperty("id").GetInt64(), job.Id);
        Assert.Equal(expected.GetProperty("name").GetString(), job.Name);
        Assert.Equal(PipelineStatus.Completed, job.Status);
        Assert.Equal(PipelineConclusion.Success, job.Conclusion);
        Assert.Equal(expected.GetProperty("started_at").GetDateTimeOffset(), job.StartedAt);
        Assert.Equal(expected.GetProperty("completed_at").GetDateTimeOffset(), job.CompletedAt);
        var steps = expected.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(steps.Count, job.Steps.Count);
        Assert.Equal(steps.Select(s => s.GetProperty("name").GetString()), job.Steps.Select(s => s.Name));
        Assert.Equal(steps.Select(s => (int)s.GetProperty("number").GetInt64()), job.Steps.Select(s => s.Number));

        // The in-progress delivery arrives after completion: the completed job stays.
        await DeliverAsync(host, "workflow_job/in_progress.payload.json", 3);
        Assert.Equal(PipelineStatus.Completed, Assert.Single(await store.GetJobsAsync(runId, CancellationToken.None)).Status);
        Assert.Equal(2, changes.Count(c => c.Kind == PipelineChangeKind.Job));
        Assert.Equal(job.Id, changes.Last(c => c.Kind == PipelineChangeKind.Job).Job!.Id);
    }

    [Fact]
    public async Task Deployment_and_deployment_status_deliveries_store_the_deployment_and_its_latest_state()
    {
        var changes = new ConcurrentQueue<PipelineChange>();
        await using var host = await StartAsync(changes);
        var store = host.Services.GetRequiredService<IPipelineStore>();
        var deployment = Part("deployment/payload.json", "deployment");
        var status = Part("deployment_status/payload.json", "deployment_status");
        var id = deployment.GetProperty("id").GetInt64();

        await DeliverAsync(host, "deployment/payload.json", 1);
        var stored = Assert.Single(await store.GetDeploymentsAsync("Codertocat/Hello-World", null, null, CancellationToken.None));
        Assert.Equal(id, stored.Id);
        Assert.Equal(deployment.GetProperty("environment").GetString(), stored.Environment);
        Assert.Equal(deployment.GetProperty("sha").GetString(), stored.Sha);
        Assert.Equal(deployment.GetProperty("ref").GetString(), stored.Ref);
        Assert.Equal(deployment.GetProperty("creator").GetProperty("login").GetString(), stored.Creator);
        Assert.Null(stored.LatestState);

        await DeliverAsync(host, "deployment_status/payload.json", 2);
        stored = Assert.Single(await store.GetDeploymentsAsync("Codertocat/Hello-World", "production", null, CancellationToken.None));
        Assert.Equal(DeploymentState.Success, stored.LatestState);
        Assert.Equal(status.GetProperty("created_at").GetDateTimeOffset(), stored.LatestStateAt);
        var statuses = await store.GetDeploymentStatusesAsync(id, CancellationToken.None);
        Assert.Equal(status.GetProperty("id").GetInt64(), Assert.Single(statuses).Id);

        await DeliverAsync(host, "deployment_status/payload.json", 3);
        Assert.Single(await store.GetDeploymentStatusesAsync(id, CancellationToken.None));
        Assert.Equal(1, changes.Count(c => c.Kind == PipelineChangeKind.DeploymentStatus));
        Assert.Contains(changes, c => c.Kind == PipelineChangeKind.Deployment && c.Deployment!.Id == id);
    }

    [Fact]
    public async Task A_check_run_without_its_workflow_run_is_no_job_and_every_fixture_is_taken_without_an_error()
    {
        var changes = new ConcurrentQueue<PipelineChange>();
        await using var host = await StartAsync(changes);
        // No check_run fixture names a workflow run in its addresses (the github-actions one links a check page), so none adds a job.
        var checkRuns = Fixtures.All().Where(f => f.Event == "check_run").ToList();
        var processed = 0L;
        foreach (var (_, file) in checkRuns) await DeliverAsync(host, file, ++processed);
        Assert.DoesNotContain(changes, c => c.Kind == PipelineChangeKind.Job);

        foreach (var (_, file) in Fixtures.All().Where(f => f.Event is "workflow_run" or "workflow_job" or "deployment" or "deployment_status"))
        {
            await DeliverAsync(host, file, ++processed);
        }

        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Name == "WebhookFailed");
        var runs = await host.Services.GetRequiredService<IPipelineStore>().QueryRunsAsync(new PipelineRunQuery(), CancellationToken.None);
        Assert.True(runs.TotalCount >= 1);
    }
}
