using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>
/// Report links opened in a browser get HTML pages for their errors, with the same status; API clients keep problem
/// details; a commit with results, but none for the use case asked for, says so.
/// </summary>
public sealed class EvaluationPageTests : IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private readonly WatchedRepository _repository = new();
    private readonly TemporaryFolder _results = new();

    [Fact]
    public async Task A_use_case_without_results_at_a_commit_with_results_says_so_to_browsers_and_api_clients()
    {
        var sha = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _results.WriteFile($"{sha}/summarize_results.html", "<html><body>ok</body></html>");
        using var host = new PromptWatchHost(_repository.Path, resultsDirectory: _results.Path);
        using var client = await StartAsync(host);

        foreach (var path in new[] { $"eval/{sha}/classify", $"eval/{sha[..7]}/classify/view" })
        {
            using var page = await GetAsync(client, path, BrowserAccept);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("default-src 'none'", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains($"Commit {sha[..7]} has evaluation results, but none for the use case &#39;classify&#39;. It has results for: summarize.", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/eval/{sha}\"", html, StringComparison.Ordinal);

            using var problem = await GetAsync(client, path, "application/json");
            Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await problem.Content.ReadAsStringAsync());
            Assert.Equal("No results for this use case", json.RootElement.GetProperty("title").GetString());
            Assert.Contains("none for the use case 'classify'", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_commit_without_results_is_a_404_page_for_a_browser_and_problem_details_for_an_api_client()
    {
        var sha = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        using var host = new PromptWatchHost(_repository.Path, resultsDirectory: _results.Path);
        using var client = await StartAsync(host);

        foreach (var path in new[] { $"eval/{sha}", $"eval/{sha}/summarize", $"eval/{sha}/summarize/view" })
        {
            using var page = await GetAsync(client, path, BrowserAccept);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"No evaluation results are listed for commit {sha}.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var problem = await GetAsync(client, path, accept: null);
            Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        }
    }

    public void Dispose()
    {
        _repository.Dispose();
        _results.Dispose();
    }

    private static async Task<HttpClient> StartAsync(PromptWatchHost host)
    {
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await ChangesApiTests.RefreshAsync(client);
        using var results = await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null);
        results.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null) request.Headers.Add("Accept", accept);
        return await client.SendAsync(request);
    }
}
