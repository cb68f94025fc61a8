using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Tests.Pipelines;

/// <summary>
/// The provider against Prism serving GitHub's OpenAPI description, with request validation on: every call it makes
/// must be one GitHub documents, with parameters it accepts (a refusal fails the test), and it must read the documented
/// response shapes (Prism answers GitHub's own examples, which the test reads from Prism directly to compare).
/// </summary>
[Collection(GitHubMockGroup.Name)]
public sealed class GitHubActionsProviderTests(GitHubMock mock) : IAsyncLifetime
{
    private const string Repository = "octocat/hello-world";
    private GitHubApiProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await GitHubApiProxy.StartAsync(mock.Url);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    /// <summary>Prism's documented example for a GET, read without the provider.</summary>
    private async Task<JsonElement> ExampleAsync(string pathAndQuery)
    {
        using var client = new HttpClient { BaseAddress = mock.Url, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Every request reached Prism and was accepted: no validation refusal, no undocumented status.</summary>
    private void AssertAllAccepted()
    {
        Assert.NotEmpty(_proxy.Requests);
        foreach (var request in _proxy.Requests)
        {
            Assert.True(request.Status is >= 200 and < 400, $"{request.Method} {request.PathAndQuery} was answered {request.Status}: {request.Problem}");
        }
    }

    [Fact]
    public async Task Runs_are_listed_with_every_filter_GitHub_documents_and_read_from_the_documented_shape()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        var page = await harness.Provider.ListRunsAsync(Repository, new PipelineRunQuery
        {
            Status = PipelineStatus.Completed,
            Branch = "main",
            Actor = "octocat",
            Event = "push",
            CreatedFrom = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            CreatedTo = new DateTimeOffset(2030, 12, 31, 0, 0, 0, TimeSpan.Zero),
            Page = 2,
            PerPage = 50,
        }, CancellationToken.None);
        AssertAllAccepted();
        var sent = Assert.Single(_proxy.Requests);
        Assert.StartsWith("/repos/octocat/hello-world/actions/runs?", sent.PathAndQuery, StringComparison.Ordinal);
        foreach (var parameter in new[] { "status=completed", "branch=main", "actor=octocat", "event=push", "per_page=50", "page=2" })
        {
            Assert.Contains(parameter, sent.PathAndQuery, StringComparison.Ordinal);
        }

        // The description's created is one date-time, not a range: the range is applied to the page, not sent.
        Assert.DoesNotContain("created=", sent.PathAndQuery, StringComparison.Ordinal);

        var example = await ExampleAsync("repos/octocat/hello-world/actions/runs");
        var expected = example.GetProperty("workflow_runs")[0];
        var run = Assert.Single(page.Items);
        Assert.Equal(example.GetProperty("total_count").GetInt32(), page.TotalCount);
        Assert.Equal(expected.GetProperty("id").GetInt64(), run.Id);
        Assert.Equal(Repository, run.Repository);
        Assert.Equal(expected.GetProperty("name").GetString(), run.WorkflowName);
        Assert.Equal(expected.GetProperty("workflow_id").GetInt64(), run.WorkflowId);
        Assert.Equal(expected.GetProperty("head_branch").GetString(), run.Branch);
        Assert.Equal(expected.GetProperty("head_sha").GetString(), run.HeadSha);
        Assert.Equal(expected.GetProperty("event").GetString(), run.Event);
        Assert.Equal(expected.GetProperty("run_number").GetInt32(), run.RunNumber);
        Assert.Equal(expected.GetProperty("created_at").GetDateTimeOffset(), run.CreatedAt);
        Assert.Equal(expected.GetProperty("updated_at").GetDateTimeOffset(), run.UpdatedAt);
        Assert.Equal(expected.GetProperty("html_url").GetString(), run.HtmlUrl);
        Assert.Equal(expected.GetProperty("status").GetString(), run.Status == PipelineStatus.InProgress ? "in_progress" : run.Status.ToString().ToLowerInvariant());
        Assert.Equal(expected.GetProperty("head_commit").GetProperty("author").GetProperty("name").GetString(), run.CommitAuthor);
    }

    [Fact]
    public async Task A_conclusion_filter_is_sent_as_GitHub_spells_it()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        foreach (var conclusion in Enum.GetValues<PipelineConclusion>())
        {
            await harness.Provider.ListRunsAsync(Repository, new PipelineRunQuery { Conclusion = conclusion }, CancellationToken.None);
        }

        AssertAllAccepted();
        Assert.Contains(_proxy.Requests, r => r.PathAndQuery.Contains("status=timed_out", StringComparison.Ordinal));
        Assert.Contains(_proxy.Requests, r => r.PathAndQuery.Contains("status=action_required", StringComparison.Ordinal));
        // The description's status filter has no startup_failure: those runs are asked for as completed and picked from the page.
        Assert.DoesNotContain(_proxy.Requests, r => r.PathAndQuery.Contains("startup_failure", StringComparison.Ordinal));
        var startupFailures = await harness.Provider.ListRunsAsync(Repository, new PipelineRunQuery { Conclusion = PipelineConclusion.StartupFailure }, CancellationToken.None);
        Assert.Empty(startupFailures.Items);
    }

    [Fact]
    public async Task A_run_and_its_jobs_with_steps_are_read_from_the_documented_shapes()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        var run = await harness.Provider.GetRunAsync(Repository, 30433642, CancellationToken.None);
        var jobs = await harness.Provider.GetJobsAsync(Repository, 30433642, CancellationToken.None);
        AssertAllAccepted();
        Assert.Contains(_proxy.Requests, r => r.PathAndQuery.StartsWith("/repos/octocat/hello-world/actions/runs/30433642/jobs?", StringComparison.Ordinal) && r.PathAndQuery.Contains("filter=latest", StringComparison.Ordinal));

        var expectedRun = await ExampleAsync("repos/octocat/hello-world/actions/runs/30433642");
        Assert.NotNull(run);
        Assert.Equal(expectedRun.GetProperty("id").GetInt64(), run.Id);
        Assert.Equal(expectedRun.GetProperty("run_attempt").GetInt32(), run.Attempt);
        Assert.Equal(expectedRun.GetProperty("display_title").GetString(), run.Title);
        Assert.Equal(expectedRun.GetProperty("triggering_actor").GetProperty("login").GetString(), run.Actor);

        var expectedJobs = (await ExampleAsync("repos/octocat/hello-world/actions/runs/30433642/jobs")).GetProperty("jobs");
        Assert.Equal(expectedJobs.GetArrayLength(), jobs.Count);
        var expected = expectedJobs[0];
        var job = jobs[0];
        Assert.Equal(expected.GetProperty("id").GetInt64(), job.Id);
        Assert.Equal(expected.GetProperty("run_id").GetInt64(), job.RunId);
        Assert.Equal(expected.GetProperty("name").GetString(), job.Name);
        Assert.Equal(expected.GetProperty("started_at").GetDateTimeOffset(), job.StartedAt);
        Assert.Equal(expected.GetProperty("completed_at").GetDateTimeOffset(), job.CompletedAt);
        Assert.Equal(expected.GetProperty("runner_name").GetString(), job.RunnerName);
        var steps = expected.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(steps.Select(s => s.GetProperty("name").GetString()), job.Steps.Select(s => s.Name));
        Assert.Equal(steps.Select(s => s.GetProperty("conclusion").GetString()), job.Steps.Select(s => s.Conclusion?.ToString().ToLowerInvariant()));
        Assert.Equal(run.Attempt, job.RunAttempt);
        Assert.Equal(run.WorkflowName, job.WorkflowName);
    }

    [Fact]
    public async Task Deployments_are_read_with_their_latest_status()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        var deployments = await harness.Provider.ListDeploymentsAsync(Repository, CancellationToken.None);
        AssertAllAccepted();
        var expected = (await ExampleAsync("repos/octocat/hello-world/deployments"))[0];
        var status = (await ExampleAsync($"repos/octocat/hello-world/deployments/{expected.GetProperty("id").GetInt64()}/statuses"))[0];
        var deployment = Assert.Single(deployments);
        Assert.Equal(expected.GetProperty("id").GetInt64(), deployment.Id);
        Assert.Equal(expected.GetProperty("environment").GetString(), deployment.Environment);
        Assert.Equal(expected.GetProperty("sha").GetString(), deployment.Sha);
        Assert.Equal(expected.GetProperty("ref").GetString(), deployment.Ref);
        Assert.Equal(expected.GetProperty("task").GetString(), deployment.Task);
        Assert.Equal(expected.GetProperty("creator").GetProperty("login").GetString(), deployment.Creator);
        Assert.Equal(status.GetProperty("state").GetString(), deployment.LatestState?.ToString().ToLowerInvariant());
        Assert.Equal(status.GetProperty("created_at").GetDateTimeOffset(), deployment.LatestStateAt);
    }

    [Fact]
    public async Task Rerun_rerun_of_failed_jobs_and_cancel_are_the_documented_calls()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        await harness.Provider.RerunAsync(Repository, 30433642, failedJobsOnly: false, CancellationToken.None);
        await harness.Provider.RerunAsync(Repository, 30433642, failedJobsOnly: true, CancellationToken.None);
        await harness.Provider.CancelAsync(Repository, 30433642, CancellationToken.None);
        AssertAllAccepted();
        Assert.Equal(
            ["POST /repos/octocat/hello-world/actions/runs/30433642/rerun", "POST /repos/octocat/hello-world/actions/runs/30433642/rerun-failed-jobs", "POST /repos/octocat/hello-world/actions/runs/30433642/cancel"],
            _proxy.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(_proxy.Requests, r => Assert.True(r.Authorized));
    }

    [Fact]
    public async Task A_job_log_follows_the_redirect_without_the_token_and_keeps_the_end_when_capped()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url, pipelines: o => o.MaxLogBytes = 1024);
        var lines = Enumerable.Range(1, 400).Select(i => $"2026-01-01T00:00:{i % 60:00}.0000000Z line {i}").ToList();
        lines.Add("##[error]Process completed with exit code 1.");
        _proxy.Logs["jobs"] = Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var log = await harness.Provider.GetJobLogAsync(Repository, 399444496, CancellationToken.None);
        AssertAllAccepted();
        Assert.True(log.Truncated);
        Assert.Equal(399444496, log.JobId);
        Assert.EndsWith("##[error]Process completed with exit code 1.", log.Text, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(log.Text) <= 1024);
        Assert.StartsWith("2026-", log.Text, StringComparison.Ordinal);
        var api = _proxy.Requests.Single(r => r.PathAndQuery == "/repos/octocat/hello-world/actions/jobs/399444496/logs");
        Assert.True(api.Authorized);
        Assert.Equal(302, api.Status);
        var storage = _proxy.Requests.Single(r => r.PathAndQuery == "/_logs/jobs");
        Assert.Equal("localhost", storage.Host);
        Assert.False(storage.Authorized, "The token was sent to the log storage's host.");
    }

    [Fact]
    public async Task Run_logs_are_split_per_job_and_a_job_the_archive_misses_is_read_alone()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        var jobs = await harness.Provider.GetJobsAsync(Repository, 30433642, CancellationToken.None);
        var job = Assert.Single(jobs);
        _proxy.Logs["runs"] = Archive(("1_other job.txt", "other job's log\n"), ("other job/1_Set up job.txt", "a step's file\n"));
        _proxy.Logs["jobs"] = Encoding.UTF8.GetBytes("the job's own log\n");
        _proxy.Clear();

        var logs = await harness.Provider.GetRunLogsAsync(Repository, 30433642, CancellationToken.None);
        AssertAllAccepted();
        Assert.Equal(2, logs.Count);
        var other = logs.Single(l => l.JobName == "other job");
        Assert.Null(other.JobId);
        Assert.Equal("other job's log\n", other.Text);
        var own = logs.Single(l => l.JobId == job.Id);
        Assert.Equal("the job's own log\n", own.Text);
        Assert.Contains(_proxy.Requests, r => r.PathAndQuery == $"/repos/octocat/hello-world/actions/jobs/{job.Id}/logs");
        Assert.All(_proxy.Requests.Where(r => r.PathAndQuery.StartsWith("/_logs/", StringComparison.Ordinal)), r => Assert.False(r.Authorized));

        // When the archive holds the job, it is not read again alone.
        _proxy.Logs["runs"] = Archive(($"1_{job.Name}.txt", "from the archive\n"));
        _proxy.Clear();
        logs = await harness.Provider.GetRunLogsAsync(Repository, 30433642, CancellationToken.None);
        Assert.Equal("from the archive\n", Assert.Single(logs).Text);
        Assert.DoesNotContain(_proxy.Requests, r => r.PathAndQuery.Contains("/actions/jobs/", StringComparison.Ordinal));
    }

    private static byte[] Archive(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task A_documented_404_is_NotFound_and_leaves_health_alone()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        _proxy.Prefer = "code=404";
        var failure = await Assert.ThrowsAsync<PipelineProviderException>(() => harness.Provider.ListDeploymentsAsync(Repository, CancellationToken.None));
        // The deployment list documents no 404, so Prism answered it another way: the statuses of its deployment do.
        Assert.Contains(_proxy.Requests, r => r.Status == 404);
        Assert.Equal(PipelineProviderFailure.NotFound, failure.Failure);
        Assert.Contains("404", failure.Message, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, (await harness.HealthAsync()).Status);
    }

    public static TheoryData<string, PipelineProviderFailure, string> Refusals => new()
    {
        { "401", PipelineProviderFailure.Unauthorized, "Bad credentials" },
        { "403", PipelineProviderFailure.Forbidden, "Resource not accessible by integration" },
        { "422", PipelineProviderFailure.Invalid, "Validation Failed" },
        { "rate", PipelineProviderFailure.RateLimited, "rate limit" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_is_a_clear_provider_failure_without_the_token(string kind, PipelineProviderFailure expected, string says)
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        var reset = DateTimeOffset.UtcNow.AddMinutes(20);
        _proxy.Failure = kind switch
        {
            "401" => InjectedFailure.BadCredentials,
            "403" => InjectedFailure.NotAccessible,
            "422" => InjectedFailure.Unprocessable,
            _ => InjectedFailure.RateLimited(reset),
        };
        var failure = await Assert.ThrowsAsync<PipelineProviderException>(() => harness.Provider.RerunAsync(Repository, 30433642, failedJobsOnly: true, CancellationToken.None));
        Assert.Equal(expected, failure.Failure);
        Assert.Contains(says, failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GitHubActionsHarness.Token, failure.ToString(), StringComparison.Ordinal);
        if (expected == PipelineProviderFailure.RateLimited)
        {
            Assert.NotNull(failure.RetryAfter);
            Assert.InRange(failure.RetryAfter.Value, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(21));
        }

        var health = await harness.HealthAsync();
        if (expected == PipelineProviderFailure.Invalid)
        {
            Assert.Equal(HealthStatus.Healthy, health.Status);
        }
        else
        {
            Assert.Equal(HealthStatus.Degraded, health.Status);
            Assert.Contains(says, health.Description, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(GitHubActionsHarness.Token, health.Description ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubActionsHarness.Token, string.Join(' ', health.Data.Values.Select(v => v is Array a ? string.Join(',', a.Cast<object>()) : v?.ToString())), StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubActionsHarness.Token, harness.LogText(), StringComparison.Ordinal);

        // GitHub answering again clears the failure.
        _proxy.Failure = null;
        await harness.Provider.GetRunAsync(Repository, 30433642, CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, (await harness.HealthAsync()).Status);
    }

    [Fact]
    public async Task An_unreachable_API_is_Unreachable_and_health_Degraded()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var harness = GitHubActionsHarness.Create(new Uri($"http://127.0.0.1:{port}/"));
        var failure = await Assert.ThrowsAsync<PipelineProviderException>(() => harness.Provider.ListRunsAsync(Repository, new PipelineRunQuery(), CancellationToken.None));
        Assert.Equal(PipelineProviderFailure.Unreachable, failure.Failure);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
        var logFailure = await Assert.ThrowsAsync<PipelineProviderException>(() => harness.Provider.GetRunLogsAsync(Repository, 1, CancellationToken.None));
        Assert.Equal(PipelineProviderFailure.Unreachable, logFailure.Failure);
        var health = await harness.HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("could not be reached", health.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubActionsHarness.Token, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_the_provider_does_not_serve_is_refused_before_any_request()
    {
        await using var harness = GitHubActionsHarness.Create(_proxy.Url);
        var failure = await Assert.ThrowsAsync<PipelineProviderException>(() => harness.Provider.GetJobsAsync("someone/else", 1, CancellationToken.None));
        Assert.Equal(PipelineProviderFailure.NotFound, failure.Failure);
        Assert.Empty(_proxy.Requests);
    }
}
