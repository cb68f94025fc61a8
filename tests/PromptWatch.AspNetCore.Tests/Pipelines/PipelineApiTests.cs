using System.Net;
using System.Text.Json;
using PromptWatch.Pipelines;
using PromptWatch.Tests.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>The pipeline routes over a test server: paging and filters, bad input, details, logs, actions, analytics.</summary>
public sealed class PipelineApiTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone(), response);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var (status, body, response) = await SendAsync(client, HttpMethod.Get, url);
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, $"GET {url}: {status} {body}");
        return body;
    }

    private static void AssertBadParameter((HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response) answer, string parameter)
    {
        answer.Response.Dispose();
        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{answer.Status}: {answer.Body}");
        Assert.Equal(parameter, answer.Body.GetProperty("parameter").GetString());
        Assert.Contains(parameter, answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Builds_are_paged_newest_first_filtered_and_written_in_snake_case()
    {
        await using var host = await PipelineTestHost.StartAsync();
        for (var i = 1; i <= 45; i++)
        {
            var conclusion = i % 5 == 0 ? PipelineConclusion.Failure : PipelineConclusion.Success;
            await host.Updater.ApplyRunAsync(PipelineSamples.Run(i, PipelineTestHost.Now.AddMinutes(-i), conclusion: conclusion), default);
        }

        var first = await GetAsync(host.Client, "api/v1/builds");
        var third = await GetAsync(host.Client, "api/v1/builds?page=3&per_page=20");
        var failed = await GetAsync(host.Client, "api/v1/builds?conclusion=failure&per_page=100");

        Assert.Equal(20, first.GetProperty("per_page").GetInt32());
        Assert.Equal(45, first.GetProperty("total_count").GetInt32());
        Assert.Equal(3, first.GetProperty("total_pages").GetInt32());
        var newest = first.GetProperty("items")[0];
        Assert.Equal(1, newest.GetProperty("id").GetInt64());
        Assert.Equal("completed", newest.GetProperty("status").GetString());
        Assert.Equal(PipelineSamples.Sha(1), newest.GetProperty("head_sha").GetString());
        Assert.Equal(290, newest.GetProperty("duration_seconds").GetDouble());
        Assert.Equal([41L, 42, 43, 44, 45], third.GetProperty("items").EnumerateArray().Select(static e => e.GetProperty("id").GetInt64()));
        Assert.Equal(9, failed.GetProperty("total_count").GetInt32());
        Assert.All(failed.GetProperty("items").EnumerateArray(), static e => Assert.Equal("failure", e.GetProperty("conclusion").GetString()));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_parameter()
    {
        await using var host = await PipelineTestHost.StartAsync();

        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/builds?per_page=500"), "per_page");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/builds?page=0"), "page");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/builds?status=bogus"), "status");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/builds?created_from=yesterday"), "created_from");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/builds/abc"), "build_id");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/builds/12/jobs/x1/logs"), "job_id");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Post, "api/v1/builds/abc/rerun"), "build_id");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/analytics/trends?lookback_days=0"), "lookback_days");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/analytics/dora?lookback_days=91"), "lookback_days");
        AssertBadParameter(await SendAsync(host.Client, HttpMethod.Get, "api/v1/pipeline/events?events=bogus"), "events");
        var (status, body, response) = await SendAsync(host.Client, HttpMethod.Get, "api/v1/builds/999");
        response.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("999", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_shows_its_jobs_and_steps_with_durations()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var at = PipelineTestHost.Now.AddHours(-1);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(7, at), default);
        await host.Updater.ApplyJobAsync(PipelineSamples.Job(70, 7, at), default);
        await host.Updater.ApplyJobAsync(PipelineSamples.Job(71, 7, at.AddSeconds(30), name: "test"), default);

        var build = await GetAsync(host.Client, "api/v1/builds/7");

        Assert.Equal(7, build.GetProperty("build").GetProperty("id").GetInt64());
        var jobs = build.GetProperty("jobs");
        Assert.Equal(["build", "test"], jobs.EnumerateArray().Select(static j => j.GetProperty("name").GetString()));
        Assert.Equal(115, jobs[0].GetProperty("duration_seconds").GetDouble());
        var step = jobs[0].GetProperty("steps")[0];
        Assert.Equal("Set up job", step.GetProperty("name").GetString());
        Assert.Equal(5, step.GetProperty("duration_seconds").GetDouble());
    }

    [Fact]
    public async Task A_job_log_is_parsed_into_steps_with_timestamps_and_errors_marked_and_capped_at_its_end()
    {
        await using var host = await PipelineTestHost.StartAsync(static o => o.MaxLogBytes = 1024);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(8, PipelineTestHost.Now.AddHours(-1)), default);
        host.Provider.JobLogs[80] = string.Join('\n',
            "2026-06-30T10:00:00.0000000Z ##[group]Run actions/checkout@v4",
            "2026-06-30T10:00:00.1000000Z with: fetch-depth 1",
            "2026-06-30T10:00:00.2000000Z ##[endgroup]",
            "2026-06-30T10:00:01.0000000Z Checked out.",
            "2026-06-30T10:00:02.0000000Z ##[group]Run dotnet test",
            "2026-06-30T10:00:09.0000000Z Failed: 1 test",
            "2026-06-30T10:00:09.5000000Z ##[error]Process completed with exit code 1.");
        host.Provider.JobLogs[81] = string.Concat(Enumerable.Range(0, 200).Select(static i => $"2026-06-30T10:00:00.0000000Z line {i}\n")) + "2026-06-30T10:01:00.0000000Z ##[error]the end";

        var log = await GetAsync(host.Client, "api/v1/builds/8/jobs/80/logs");
        var capped = await GetAsync(host.Client, "api/v1/builds/8/jobs/81/logs");
        var all = await GetAsync(host.Client, "api/v1/builds/8/logs");

        var steps = log.GetProperty("steps");
        Assert.Equal(["Run actions/checkout@v4", "Run dotnet test"], steps.EnumerateArray().Select(static s => s.GetProperty("name").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-06-30T10:00:02Z", System.Globalization.CultureInfo.InvariantCulture), steps[1].GetProperty("started_at").GetDateTimeOffset());
        Assert.Equal(1, log.GetProperty("error_count").GetInt32());
        var error = steps[1].GetProperty("lines")[1];
        Assert.True(error.GetProperty("error").GetBoolean());
        Assert.Equal("Process completed with exit code 1.", error.GetProperty("text").GetString());
        Assert.False(steps[0].GetProperty("lines")[1].GetProperty("error").GetBoolean());
        Assert.False(log.GetProperty("truncated").GetBoolean());
        Assert.True(capped.GetProperty("truncated").GetBoolean());
        Assert.True(capped.GetProperty("line_count").GetInt32() < 201);
        Assert.Equal("the end", capped.GetProperty("steps")[0].GetProperty("lines").EnumerateArray().Last().GetProperty("text").GetString());
        Assert.Equal(2, all.GetProperty("logs").GetArrayLength());
        Assert.All(all.GetProperty("logs").EnumerateArray(), static l => Assert.True(l.GetProperty("text").GetString()!.Length <= 1024));
    }

    [Fact]
    public async Task Rerun_and_cancel_reach_the_provider_and_are_logged_with_the_caller()
    {
        await using var host = await PipelineTestHost.StartAsync();
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(9, PipelineTestHost.Now.AddHours(-1), conclusion: PipelineConclusion.Failure), default);

        var (rerun, body, r1) = await SendAsync(host.Client, HttpMethod.Post, "api/v1/builds/9/rerun?failed_jobs_only=true");
        r1.Dispose();
        var (cancel, _, r2) = await SendAsync(host.Client, HttpMethod.Post, "api/v1/builds/9/cancel");
        r2.Dispose();

        Assert.Equal(HttpStatusCode.Accepted, rerun);
        Assert.Equal("rerun_failed_jobs", body.GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.Accepted, cancel);
        Assert.Equal([$"rerun {PipelineSamples.Repository} 9 True", $"cancel {PipelineSamples.Repository} 9"], host.Provider.Actions);
        var messages = host.Logs.GetSnapshot().Select(static l => l.Message).ToList();
        Assert.Contains(messages, static m => m.Contains("anonymous asked for a rerun of build 9", StringComparison.Ordinal));
        Assert.Contains(messages, static m => m.Contains("anonymous asked to cancel build 9", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PipelineProviderFailure.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(PipelineProviderFailure.NotFound, HttpStatusCode.NotFound)]
    [InlineData(PipelineProviderFailure.Invalid, HttpStatusCode.UnprocessableEntity)]
    [InlineData(PipelineProviderFailure.Unauthorized, HttpStatusCode.BadGateway)]
    [InlineData(PipelineProviderFailure.Unreachable, HttpStatusCode.BadGateway)]
    [InlineData(PipelineProviderFailure.RateLimited, HttpStatusCode.ServiceUnavailable)]
    public async Task A_provider_refusal_is_a_problem_saying_what_it_refused(PipelineProviderFailure failure, HttpStatusCode expected)
    {
        await using var host = await PipelineTestHost.StartAsync();
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(10, PipelineTestHost.Now.AddHours(-1)), default);
        host.Provider.Failure = new PipelineProviderException(failure, "The provider refused to re-run build 10.", TimeSpan.FromSeconds(42));

        var (status, body, response) = await SendAsync(host.Client, HttpMethod.Post, "api/v1/builds/10/rerun");

        using (response)
        {
            Assert.Equal(expected, status);
            Assert.Equal("The provider refused to re-run build 10.", body.GetProperty("detail").GetString());
            Assert.Equal(failure == PipelineProviderFailure.RateLimited ? "42" : null, response.Headers.TryGetValues("Retry-After", out var retry) ? retry.Single() : null);
        }

        Assert.Empty(host.Provider.Actions);
    }

    [Fact]
    public async Task The_pipeline_and_analytics_routes_answer_over_the_store()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var at = PipelineTestHost.Now.AddDays(-2);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(1, at), default);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(2, at.AddHours(1), conclusion: PipelineConclusion.Failure), default);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(3, at.AddHours(3)), default);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(4, PipelineTestHost.Now.AddMinutes(-3), PipelineStatus.InProgress), default);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(5, PipelineTestHost.Now.AddMinutes(-2), PipelineStatus.Queued) with { StartedAt = null }, default);
        await host.Updater.ApplyDeploymentAsync(PipelineSamples.Deployment(1, at.AddHours(4)), default);
        await host.Updater.ApplyDeploymentStatusAsync(new PipelineDeploymentStatus(11, 1, PipelineSamples.Repository, DeploymentState.Success, null, null, at.AddHours(4).AddMinutes(5)), default);

        var overview = await GetAsync(host.Client, "api/v1/pipeline/overview?lookback_days=7");
        Assert.Equal("passing", overview.GetProperty("status").GetString());
        Assert.Equal((1, 1), (overview.GetProperty("running").GetInt32(), overview.GetProperty("queued").GetInt32()));
        Assert.Equal(2.0 / 3, overview.GetProperty("success_rate").GetDouble(), 9);
        Assert.Equal(2 * 3600, overview.GetProperty("mttr_seconds").GetDouble());
        Assert.Equal("success", overview.GetProperty("recent_deployments")[0].GetProperty("latest_state").GetString());

        var status = await GetAsync(host.Client, "api/v1/pipeline/status");
        Assert.Equal(120, status.GetProperty("queued")[0].GetProperty("waiting_seconds").GetDouble());
        Assert.Equal(4, status.GetProperty("running")[0].GetProperty("build").GetProperty("id").GetInt64());

        var trends = await GetAsync(host.Client, "api/v1/analytics/trends?lookback_days=7");
        Assert.Equal(7, trends.GetProperty("days").GetArrayLength());
        Assert.Equal(3, trends.GetProperty("days")[4].GetProperty("runs").GetInt32());
        var mttr = await GetAsync(host.Client, "api/v1/analytics/mttr");
        Assert.Equal(2L, mttr.GetProperty("items")[0].GetProperty("failed_run_id").GetInt64());
        var dora = await GetAsync(host.Client, "api/v1/analytics/dora");
        Assert.Equal("production", dora.GetProperty("environments")[0].GetProperty("environment").GetString());
        Assert.Equal(1, dora.GetProperty("environments")[0].GetProperty("successful").GetInt32());
        foreach (var route in new[] { "pipeline/metrics", "pipeline/recent", "analytics/overview", "analytics/performance", "analytics/failures", "analytics/workflows/comparison", "builds/history/rollbacks" })
        {
            await GetAsync(host.Client, "api/v1/" + route);
        }

        var failures = await GetAsync(host.Client, "api/v1/analytics/failures");
        Assert.Equal(1, failures.GetProperty("failed_runs").GetInt32());
    }
}
