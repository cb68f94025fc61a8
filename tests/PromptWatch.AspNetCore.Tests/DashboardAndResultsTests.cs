using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await ChangesApiTests.RefreshAsync(client);
        await RefreshResultsAsync(client);

        using var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes");
        var entries = changes.RootElement.EnumerateArray().ToList();
        var withResults = Assert.Single(entries, static e => e.GetProperty("has_eval_results").GetBoolean());
        Assert.Equal(sha, withResults.GetProperty("commit_sha").GetString());
        Assert.Equal("summarize", withResults.GetProperty("usecase").GetString());
        Assert.Equal("found", withResults.GetProperty("eval_results_status").GetString());
        Assert.All(entries.Where(static e => e.GetProperty("usecase").GetString() == "classify"), static e => Assert.Equal("none", e.GetProperty("eval_results_status").GetString()));
        Assert.Equal($"/eval/{sha}", withResults.GetProperty("eval_direct_url").GetString());
        // A folder has no view of its own: the report's only link is the report.
        Assert.Equal(JsonValueKind.Null, Assert.Single(withResults.GetProperty("eval_results").EnumerateArray()).GetProperty("view_url").ValueKind);

        // One file: eval/{sha} (full or abbreviated) redirects to it, and it is served in a sandbox.
        foreach (var asked in new[] { sha, sha[..7] })
        {
            using var redirect = await client.GetAsync(new Uri($"eval/{asked}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            using var report = await client.GetAsync(redirect.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
            Assert.Contains("summarize: 0.91", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("sandbox", string.Join(' ', report.Headers.GetValues("Content-Security-Policy")));
        }

        using var byUseCase = await client.GetAsync(new Uri($"eval/{sha[..9]}/summarize", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, byUseCase.StatusCode);
        // A local folder has no console: its view link leads to the report itself.
        using var view = await client.GetAsync(new Uri(withResults.GetProperty("eval_results_url").GetString()!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, view.StatusCode);
        Assert.StartsWith($"/eval/{sha}/summarize?key=", view.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Only listed files are served: no way out of the results folder.
        using var escape = await client.GetAsync(new Uri($"eval/{sha}/summarize?key=..%2F..%2Fetc%2Fpasswd", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
        using var none = await client.GetAsync(new Uri($"eval/{new string('0', 40)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        using var debug = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/s3-debug", UriKind.Relative)));
        Assert.Equal(1, debug.RootElement.GetProperty("object_count").GetInt32());
        Assert.True(debug.RootElement.GetProperty("known").GetBoolean());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reports_whose_keys_have_non_ascii_letters_are_linked_and_redirected_to_with_escaped_urls(bool stableLinks)
    {
        var sha = _repository.Set("test", "résumé", "gpt-4o-mini", "Summarize the résumé.");
        _results.WriteFile($"{sha[..7]}/résumé_results.html", "<html><body>résumé: 0.88</body></html>");
        var store = new LinkingStore(_results.Path, stableLinks);
        using var host = new PromptWatchHost(_repository.Path, configureServices: services => services.AddSingleton<PromptWatch.Results.IEvaluationResultStore>(store));
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await ChangesApiTests.RefreshAsync(client);
        await RefreshResultsAsync(client);

        using var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes");
        var entry = Assert.Single(changes.RootElement.EnumerateArray(), static e => e.GetProperty("has_eval_results").GetBoolean());
        var link = entry.GetProperty("eval_results_url").GetString()!;
        Assert.True(link.All(char.IsAscii), link);
        Assert.Equal(link, Assert.Single(entry.GetProperty("eval_results").EnumerateArray()).GetProperty("view_url").GetString());

        // eval/{sha} redirects to this server's report route, eval/{sha}/{usecase}/view to the store's link.
        foreach (var asked in new[] { $"eval/{sha}", $"eval/{sha}/{Uri.EscapeDataString("résumé")}/view" })
        {
            using var redirect = await client.GetAsync(new Uri(asked, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            var location = redirect.Headers.Location!;
            Assert.True(location.OriginalString.All(char.IsAscii), location.OriginalString);
            Assert.Contains("r%C3%A9sum%C3%A9", location.OriginalString, StringComparison.Ordinal);
            using var report = await client.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Contains("résumé: 0.88", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Several_reports_of_a_commit_give_a_page_to_choose_and_one_above_the_cap_a_413_page()
    {
        var sha = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _results.WriteFile($"{sha[..7]}/summarize_results.html", "<html><body>small</body></html>");
        _results.WriteFile($"{sha}/benchmark-results.html", "<html><body>" + new string('x', 4096) + "</body></html>");
        using var host = new PromptWatchHost(_repository.Path, resultsDirectory: _results.Path, settings: new Dictionary<string, string> { ["PromptWatch:Endpoints:MaxReportBytes"] = "2048" });
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await RefreshResultsAsync(client);

        using var page = await client.GetAsync(new Uri($"eval/{sha[..7]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("summarize_results.html", html, StringComparison.Ordinal);
        Assert.Contains("benchmark-results.html", html, StringComparison.Ordinal);

        using var tooLarge = await client.GetAsync(new Uri($"eval/{sha}/benchmark-results", UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("too large", await tooLarge.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var small = await client.GetAsync(new Uri($"eval/{sha}/summarize", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task A_report_that_grew_since_it_was_listed_fails_the_download_instead_of_being_cut()
    {
        var sha = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        var path = _results.WriteFile($"{sha}/summarize_results.html", "<html><body>first</body></html>");
        using var host = new PromptWatchHost(_repository.Path, resultsDirectory: _results.Path);
        using var client = host.CreateClient();
        await RefreshResultsAsync(client);
        using (var listed = await client.GetAsync(new Uri($"eval/{sha}/summarize", UriKind.Relative)))
        {
            Assert.Equal("<html><body>first</body></html>", await listed.Content.ReadAsStringAsync());
        }

        await File.WriteAllTextAsync(path, "<html><body>a second, longer version of the report</body></html>");
        // The headers promise the listed size; the body is aborted after it instead of ending there.
        using var grown = await client.GetAsync(new Uri($"eval/{sha}/summarize", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, grown.StatusCode);
        Assert.Equal("<html><body>first</body></html>".Length, grown.Content.Headers.ContentLength);
        var failure = await Assert.ThrowsAsync<HttpRequestException>(async () => await grown.Content.ReadAsStringAsync());
        var aborted = Assert.IsType<IOException>(failure.InnerException);
        Assert.Equal("The application aborted the request.", aborted.InnerException?.Message);
    }

    [Fact]
    public async Task A_store_that_lists_no_sizes_still_gets_a_413_above_the_cap_and_the_report_below_it()
    {
        var sha = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _results.WriteFile($"{sha}/summarize_results.html", "<html><body>" + new string('x', 4096) + "</body></html>");
        _results.WriteFile($"{sha}/benchmark-results.html", "<html><body>small</body></html>");
        var store = new SizelessStore(_results.Path);
        using var host = new PromptWatchHost(
            _repository.Path,
            configureServices: services => services.AddSingleton<PromptWatch.Results.IEvaluationResultStore>(store),
            settings: new Dictionary<string, string> { ["PromptWatch:Endpoints:MaxReportBytes"] = "2048" });
        using var client = host.CreateClient();
        await RefreshResultsAsync(client);

        using var tooLarge = await client.GetAsync(new Uri($"eval/{sha}/summarize", UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        using var small = await client.GetAsync(new Uri($"eval/{sha}/benchmark-results", UriKind.Relative));
        Assert.Equal("<html><body>small</body></html>", await small.Content.ReadAsStringAsync());
        Assert.Equal("sandbox", string.Join(' ', small.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_failing_result_store_makes_results_unknown_and_health_degraded_until_it_recovers()
    {
        var sha = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _results.WriteFile($"{sha}/summarize_results.html", "<html><body>ok</body></html>");
        var store = new SwitchableStore(new PromptWatch.Results.LocalFolderResultStore(_results.Path));
        using var host = new PromptWatchHost(_repository.Path, configureServices: services => services.AddSingleton<PromptWatch.Results.IEvaluationResultStore>(store));
        using var client = await host.StartAsync();

        store.Failing = true;
        using (var refresh = await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadGateway, refresh.StatusCode);
            var body = await refresh.Content.ReadAsStringAsync();
            Assert.Contains("store is down", body, StringComparison.Ordinal);
            using var problem = StrictJson.Parse(body);
            Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
        }

        using (var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes"))
        {
            var entry = changes.RootElement[0];
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("has_eval_results").ValueKind);
            Assert.Equal("unknown", entry.GetProperty("eval_results_status").GetString());
        }

        using (var detailed = JsonDocument.Parse(await client.GetStringAsync(new Uri("health/detailed", UriKind.Relative))))
        {
            var check = detailed.RootElement.GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("name").GetString()!.StartsWith("promptwatch:results:", StringComparison.Ordinal));
            Assert.Equal("Degraded", check.GetProperty("status").GetString());
            Assert.Contains("store is down", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        // The repository itself is still ready: the timeline is served without results.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("health/ready", UriKind.Relative))).StatusCode);

        store.Failing = false;
        using var recovered = JsonDocument.Parse(await (await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null)).Content.ReadAsStringAsync());
        Assert.Equal("ok", recovered.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, recovered.RootElement.GetProperty("updated_count").GetInt32());
        using var after = await ChangesApiTests.GetJsonAsync(client, "api/changes");
        Assert.True(after.RootElement[0].GetProperty("has_eval_results").GetBoolean());
    }

    private static async Task RefreshResultsAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A folder listed without sizes, as a store whose listing does not give them.</summary>
    private sealed class SizelessStore(string root) : PromptWatch.Results.IEvaluationResultStore
    {
        public string DisplayName => "sizeless store";

        public Task<PromptWatch.Results.EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) => Task.FromResult(new PromptWatch.Results.EvaluationResultIndex(
            Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories)
                .Select(file => PromptWatch.Results.EvaluationResultLayout.Default.Classify(Path.GetRelativePath(root, file).Replace('\\', '/')))
                .OfType<PromptWatch.Results.EvaluationResult>()));

        public Task<Stream> OpenReadAsync(PromptWatch.Results.EvaluationResult result, CancellationToken cancellationToken) =>
            Task.FromResult<Stream>(File.OpenRead(Path.Combine(root, result.Key)));
    }

    /// <summary>
    /// A folder whose view links are absolute URLs of this host's report route, built as an object store builds
    /// its console or signed URLs: from the escaped key.
    /// </summary>
    private sealed class LinkingStore(string root, bool stable) : PromptWatch.Results.IEvaluationResultStore, PromptWatch.Results.IEvaluationResultLinks
    {
        private readonly PromptWatch.Results.LocalFolderResultStore _inner = new(root);

        public string DisplayName => "linking store";

        public bool ViewUrlsAreStable => stable;

        public Task<PromptWatch.Results.EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) => _inner.ListAsync(cancellationToken);

        public Task<Stream> OpenReadAsync(PromptWatch.Results.EvaluationResult result, CancellationToken cancellationToken) => _inner.OpenReadAsync(result, cancellationToken);

        public Uri GetViewUrl(PromptWatch.Results.EvaluationResult result, TimeSpan lifetime) =>
            new($"http://localhost/eval/{result.Key[..result.Key.IndexOf('/', StringComparison.Ordinal)]}/{Uri.EscapeDataString(result.UseCase ?? "report")}?key={Uri.EscapeDataString(result.Key)}");
    }

    private sealed class SwitchableStore(PromptWatch.Results.IEvaluationResultStore inner) : PromptWatch.Results.IEvaluationResultStore
    {
        public volatile bool Failing;

        public string DisplayName => "switchable store";

        public Task<PromptWatch.Results.EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) =>
            Failing ? throw new PromptWatchException("The store is down.") : inner.ListAsync(cancellationToken);

        public Task<Stream> OpenReadAsync(PromptWatch.Results.EvaluationResult result, CancellationToken cancellationToken) => inner.OpenReadAsync(result, cancellationToken);
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
