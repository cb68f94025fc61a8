using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>
/// The pipeline monitor tied to the prompt timeline over a test server: the checks of commits, the deployed commits, and
/// <c>api/usecases</c>' deployed version (absent without the monitor).
/// </summary>
public sealed class TimelineMarksApiTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly string _testSummarize;
    private readonly string _prodSummarize;
    private readonly string _testAgain;

    public TimelineMarksApiTests()
    {
        _testSummarize = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _prodSummarize = _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.", message: "Promote summarize");
        _testAgain = _repository.Set("test", "summarize", "gpt-4.1-mini", "Summarize the text.", message: "test: summarize on 4.1");
    }

    [Fact]
    public async Task Commits_answer_each_shas_checks_in_order_and_refuse_more_than_a_hundred_naming_sha()
    {
        await using var host = await TimelineMarksHost.StartAsync(_repository.Path);
        await host.RunAsync(1, _testSummarize, PipelineConclusion.Success);
        await host.RunAsync(2, _testSummarize, PipelineConclusion.Success, workflow: "lint");
        await host.RunAsync(3, _prodSummarize, PipelineConclusion.Success);
        await host.RunAsync(4, _prodSummarize, PipelineConclusion.Failure, workflow: "lint");
        await host.RunAsync(5, _testAgain, null, status: PipelineStatus.InProgress);
        var unknown = new string('e', 40);

        using var answer = await GetAsync(host.Client, $"api/v1/pipeline/commits?sha={_testSummarize},{_prodSummarize[..7]}&sha={_testAgain},{unknown}");

        var commits = answer.RootElement.GetProperty("commits").EnumerateArray().ToList();
        Assert.Equal([_testSummarize, _prodSummarize[..7], _testAgain, unknown], commits.Select(static c => c.GetProperty("sha").GetString()));
        Assert.Equal(["passing", "failing", "pending", null], commits.Select(static c => c.GetProperty("state").GetString()));
        Assert.Equal([1L, 2], commits[0].GetProperty("runs").EnumerateArray().Select(static r => r.GetProperty("id").GetInt64()));
        var failed = commits[1].GetProperty("runs").EnumerateArray().Single(static r => r.GetProperty("workflow").GetString() == "lint");
        Assert.Equal(("failure", "https://ci.example/runs/4"), (failed.GetProperty("conclusion").GetString(), failed.GetProperty("html_url").GetString()));
        Assert.Equal(0, commits[3].GetProperty("runs").GetArrayLength());

        var many = string.Join(',', Enumerable.Range(1, 101).Select(static i => i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture)));
        await AssertBadShaAsync(host.Client, "api/v1/pipeline/commits?sha=" + many, "at most 100");
        await AssertBadShaAsync(host.Client, "api/v1/pipeline/commits?sha=abc", "'abc'");
        await AssertBadShaAsync(host.Client, "api/v1/pipeline/commits", "required");
        using var hundred = await GetAsync(host.Client, "api/v1/pipeline/commits?sha=" + string.Join(',', many.Split(',').Take(100)));
        Assert.Equal(100, hundred.RootElement.GetProperty("commits").GetArrayLength());
    }

    [Fact]
    public async Task Use_cases_say_which_version_is_deployed_and_their_ETag_follows_the_deployments()
    {
        await using var host = await TimelineMarksHost.StartAsync(_repository.Path);
        using (var before = await GetAsync(host.Client, "api/usecases"))
        {
            Assert.All(before.RootElement.EnumerateArray(), static u => Assert.Equal(JsonValueKind.Null, u.GetProperty("deployed").ValueKind));
        }

        var etag = await ETagAsync(host.Client);
        Assert.Equal(HttpStatusCode.NotModified, await StatusWithAsync(host.Client, etag));

        // production carries the promotion's commit; staging the latest test change.
        await host.RunAsync(9, _prodSummarize, PipelineConclusion.Success, workflow: "deploy");
        await host.DeployAsync(1, "production", _prodSummarize, DeploymentState.Success, runId: 9);
        await host.DeployAsync(2, "staging", _testAgain, DeploymentState.Success, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        await host.DeployAsync(3, "staging", _testSummarize, DeploymentState.Failure, at: DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(host.Client, etag));

        using var deployed = await GetAsync(host.Client, "api/v1/pipeline/deployed");
        var live = deployed.RootElement.GetProperty("deployed").EnumerateArray().ToList();
        Assert.Equal([("production", _prodSummarize, 1L), ("staging", _testAgain, 2L)], live.Select(static d => (d.GetProperty("environment").GetString(), d.GetProperty("sha").GetString(), d.GetProperty("deployment_id").GetInt64())));
        Assert.Equal((9L, "https://ci.example/runs/9"), (live[0].GetProperty("run_id").GetInt64(), live[0].GetProperty("run_url").GetString()));
        Assert.True(live[0].TryGetProperty("deployed_at", out _));

        using (var useCases = await GetAsync(host.Client, "api/usecases"))
        {
            var prod = Deployed(useCases, "prod");
            Assert.Equal((_prodSummarize, _prodSummarize, "production", 9L), (prod.GetProperty("sha").GetString(), prod.GetProperty("deployed_sha").GetString(), prod.GetProperty("environment").GetString(), prod.GetProperty("run").GetProperty("id").GetInt64()));
            var test = Deployed(useCases, "test");
            Assert.Equal((_testAgain, 2L, JsonValueKind.Null), (test.GetProperty("sha").GetString(), test.GetProperty("deployment_id").GetInt64(), test.GetProperty("run").ValueKind));
        }

        // A later deployment to production of a commit that changed only test: prod's version stays the promotion's.
        var next = await ETagAsync(host.Client);
        await host.DeployAsync(4, "production", _testAgain, DeploymentState.Success, at: DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.NotEqual(next, await ETagAsync(host.Client));
        using (var useCases = await GetAsync(host.Client, "api/usecases"))
        {
            var prod = Deployed(useCases, "prod");
            Assert.Equal((_prodSummarize, _testAgain, 4L), (prod.GetProperty("sha").GetString(), prod.GetProperty("deployed_sha").GetString(), prod.GetProperty("deployment_id").GetInt64()));
        }
    }

    [Fact]
    public async Task Without_the_pipeline_monitor_use_cases_have_no_deployed_field()
    {
        await using var host = await TimelineMarksHost.StartAsync(_repository.Path, pipelines: false);

        using var useCases = await GetAsync(host.Client, "api/usecases");

        Assert.Equal(2, useCases.RootElement.GetArrayLength());
        Assert.All(useCases.RootElement.EnumerateArray(), static u => Assert.False(u.TryGetProperty("deployed", out _)));
        using var page = await host.Client.GetAsync(new Uri("api/v1/pipeline/commits?sha=" + _testSummarize, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    private static JsonElement Deployed(JsonDocument useCases, string environment) =>
        useCases.RootElement.EnumerateArray().Single(u => u.GetProperty("environment").GetString() == environment && u.GetProperty("usecase").GetString() == "summarize").GetProperty("deployed");

    private static async Task<JsonDocument> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    private static async Task<string> ETagAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("api/usecases", UriKind.Relative));
        return response.Headers.ETag?.Tag ?? throw new InvalidOperationException("api/usecases sent no ETag.");
    }

    private static async Task<HttpStatusCode> StatusWithAsync(HttpClient client, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/usecases", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task AssertBadShaAsync(HttpClient client, string url, string detail)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("sha", body.RootElement.GetProperty("parameter").GetString());
        Assert.Contains(detail, body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();
}
