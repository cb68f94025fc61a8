using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Cli.Tests;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

public sealed class DashboardAndResultsTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly TemporaryFolder _results = new();

    [Fact]
    public async Task The_dashboard_is_served_with_a_strict_content_security_policy()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("{{POLL_INTERVAL_MS}}", html, StringComparison.Ordinal);
        Assert.Contains("dashboard/app.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        using var script = await client.GetAsync(new Uri("dashboard/app.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var missing = await client.GetAsync(new Uri("dashboard/nothing.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Evaluation_results_of_a_commit_are_linked_and_served_in_a_sandbox()
    {
        var sha = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _repository.Set("test", "classify", "llama-3.1-8b", "Classify the ticket.");
        _results.WriteFile($"{sha[..12]}/summarize_results.html", "<html><body><h1>summarize: 0.91</h1><script>parent.x=1</script></body></html>");
        using var host = new PromptWatchHost(_repository.Path, resultsDirectory: _results.Path);
        using var client = await host.StartAsync();

        using var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes");
        var withResults = changes.RootElement.EnumerateArray().Single(static e => e.GetProperty("has_eval_results").GetBoolean());
        Assert.Equal(sha, withResults.GetProperty("commit_sha").GetString());
        Assert.Equal("summarize", withResults.GetProperty("usecase").GetString());
        var direct = withResults.GetProperty("eval_direct_url").GetString()!;

        using var report = await client.GetAsync(new Uri(direct, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("summarize: 0.91", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("sandbox", string.Join(' ', report.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        using var listing = await client.GetAsync(new Uri(withResults.GetProperty("eval_results_url").GetString()!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.Contains(direct, await listing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Only listed files are served: no way out of the results folder.
        using var escape = await client.GetAsync(new Uri("results/0/..%2F..%2Fetc%2Fpasswd", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    [Fact]
    public async Task Credentials_never_appear_in_api_responses_or_health_data()
    {
        const string password = "s3cret-token-value";
        using var server = new RefusingHttpServer();
        using var host = new CredentialHost($"http://127.0.0.1:{server.Port}/team/service.git", "deploy", password);
        using var client = host.CreateClient();
        using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadGateway, refresh.StatusCode);
        var bodies = new List<string>
        {
            await refresh.Content.ReadAsStringAsync(),
            await client.GetStringAsync(new Uri("api/repositories", UriKind.Relative)),
            await (await client.GetAsync(new Uri("health/detailed", UriKind.Relative))).Content.ReadAsStringAsync(),
        };
        Assert.Contains(bodies, static b => b.Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.All(bodies, static b => Assert.DoesNotContain(password, b, StringComparison.Ordinal));
        Assert.Contains(server.Authorizations, static a => a is not null);
    }

    public void Dispose()
    {
        _repository.Dispose();
        _results.Dispose();
    }

    private sealed class CredentialHost(string url, string username, string password) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("GIT_REPO_URL", url);
            builder.UseSetting("GIT_USERNAME", username);
            builder.UseSetting("GIT_PASSWORD", password);
            builder.UseSetting("Sample:DataDirectory", Path.Combine(Path.GetTempPath(), "promptwatch-tests", Guid.NewGuid().ToString("N")));
            builder.UseSetting("PromptWatch:CacheDirectory", Path.Combine(Path.GetTempPath(), "promptwatch-tests", Guid.NewGuid().ToString("N")));
        }
    }
}
