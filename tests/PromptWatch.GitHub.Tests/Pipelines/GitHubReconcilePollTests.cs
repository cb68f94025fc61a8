using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Tests.Pipelines;

/// <summary>
/// The reconcile poll against Prism through the proxy, which answers conditional requests and reports the rate limit
/// as GitHub does: an unchanged repository costs no rate limit, completed runs are read once, and the poll stops
/// before the rate limit is used up.
/// </summary>
[Collection(GitHubMockGroup.Name)]
public sealed class GitHubReconcilePollTests(GitHubMock mock) : IAsyncLifetime
{
    private GitHubApiProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await GitHubApiProxy.StartAsync(mock.Url);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task A_second_poll_of_an_unchanged_repository_makes_no_request_that_counts_against_the_rate_limit()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        await harness.Poller.PollOnceAsync(CancellationToken.None);
        var first = _proxy.Requests;
        Assert.All(first, r => Assert.True(r.Status is >= 200 and < 300, $"{r.Method} {r.PathAndQuery}: {r.Status} {r.Problem}"));
        Assert.Contains(first, r => r.PathAndQuery.StartsWith("/repos/octocat/hello-world/actions/runs?", StringComparison.Ordinal));
        Assert.Contains(first, r => r.PathAndQuery.Contains("/jobs?", StringComparison.Ordinal));
        Assert.Contains(first, r => r.PathAndQuery.StartsWith("/repos/octocat/hello-world/deployments?", StringComparison.Ordinal));
        Assert.Contains(first, r => r.PathAndQuery.Contains("/statuses?", StringComparison.Ordinal));
        // GitHub's examples hold one run (queued) with its jobs, and one deployment with a final status: four requests.
        Assert.Equal(4, first.Count);

        // What the poll found is in the store.
        var runs = await harness.Store.QueryRunsAsync(new PipelineRunQuery { Repository = "octocat/hello-world" }, CancellationToken.None);
        var run = Assert.Single(runs.Items);
        Assert.NotEqual(0, run.Id);
        // GitHub's examples give the job another run id than the run's; the job is stored as GitHub describes it.
        Assert.NotEmpty(await harness.Store.GetJobsSinceAsync(DateTimeOffset.MinValue, "octocat/hello-world", CancellationToken.None));
        // GitHub's deployment example dates from 2012, past the longest retention (3650 days): it is read, never kept.
        Assert.Empty(await harness.Store.GetDeploymentsAsync("octocat/hello-world", null, null, CancellationToken.None));

        _proxy.Clear();
        await harness.Poller.PollOnceAsync(CancellationToken.None);
        var second = _proxy.Requests;
        // The deployment's state is final: its statuses are never asked for again. The run is still queued, so its jobs
        // are asked again, conditionally; runs, jobs and deployments are all answered 304: nothing counted against the rate limit.
        Assert.DoesNotContain(second, r => r.PathAndQuery.Contains("/statuses", StringComparison.Ordinal));
        Assert.Equal(3, second.Count);
        Assert.Equal(0, second.Count(r => r.Status != 304));
        Assert.All(second, r => Assert.Equal(304, r.Status));
    }

    [Fact]
    public async Task The_poll_waits_for_the_reset_when_the_rate_limit_is_down_to_its_reserve()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url, o => o.RateLimitReserve = 100);
        var meters = harness.Services.GetRequiredService<IMeterFactory>();
        using var remaining = new MetricCollector<int>(meters, "PromptWatch", "promptwatch.github.rate_limit.remaining");
        using var polls = new MetricCollector<long>(meters, "PromptWatch", "promptwatch.github.polls");
        _proxy.RateLimitRemaining = 60;

        await harness.Poller.PollOnceAsync(CancellationToken.None);
        Assert.NotEmpty(_proxy.Requests);
        remaining.RecordObservableInstruments();
        Assert.InRange(remaining.LastMeasurement!.Value, 1, 59);
        var health = await harness.HealthAsync();
        Assert.Equal(remaining.LastMeasurement.Value, health.Data["rate_limit_remaining"]);

        _proxy.Clear();
        await harness.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Empty(_proxy.Requests);
        Assert.Contains(polls.GetMeasurementSnapshot(), m => (string?)m.Tags["promptwatch.outcome"] == "deferred");
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "RateLimitReserve");
    }
}

/// <summary>The reconcile poll's spans and the pipeline store's instruments, against Prism through the proxy.</summary>
[Collection(GitHubMockGroup.Name)]
public sealed class GitHubReconcilePollTelemetryTests(GitHubMock mock) : IAsyncLifetime
{
    private GitHubApiProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await GitHubApiProxy.StartAsync(mock.Url);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task A_poll_is_a_span_with_a_child_span_per_provider_call_and_its_changes_are_counted_as_the_polls()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        using var updates = new MetricCollector<long>(harness.Services.GetRequiredService<IMeterFactory>(), "PromptWatch", "promptwatch.pipelines.updates");
        using var testSource = new System.Diagnostics.ActivitySource($"PromptWatch.Tests.{Guid.NewGuid():N}");
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "PromptWatch" || ReferenceEquals(source, testSource),
            Sample = static (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        System.Diagnostics.ActivityTraceId trace;
        using (var parent = testSource.StartActivity("test"))
        {
            trace = parent!.TraceId;
            await harness.Poller.PollOnceAsync(CancellationToken.None);
        }

        var spans = stopped.Where(a => a.TraceId == trace && a.Source.Name == "PromptWatch").ToList();
        var poll = Assert.Single(spans, static a => a.OperationName == "promptwatch.pipelines.poll");
        Assert.Equal("octocat/hello-world", poll.GetTagItem("promptwatch.repository"));
        Assert.Equal("github-actions", poll.GetTagItem("promptwatch.pipeline.provider"));
        Assert.Equal("changed", poll.GetTagItem("promptwatch.outcome"));
        var calls = spans.Where(static a => a.OperationName == "promptwatch.pipelines.provider").ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Equal(poll.SpanId, c.ParentSpanId));
        Assert.Equal(
            ["deployment_statuses", "jobs", "recent_deployments", "recent_runs"],
            calls.Select(static c => (string)c.GetTagItem("promptwatch.pipeline.operation")!).Order(StringComparer.Ordinal));
        Assert.All(calls, static c => Assert.Equal(System.Diagnostics.ActivityKind.Client, c.Kind));

        var offered = updates.GetMeasurementSnapshot();
        Assert.NotEmpty(offered);
        Assert.All(offered, static m => Assert.Equal("poll", m.Tags["promptwatch.pipeline.source"]));
        Assert.Contains(offered, static m => (string?)m.Tags["promptwatch.pipeline.kind"] == "run" && (string?)m.Tags["promptwatch.outcome"] == "changed");
    }
}
