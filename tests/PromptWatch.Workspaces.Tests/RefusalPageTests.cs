using System.Net;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>A refused workspace is an HTML page (same status) for a browser, problem details for an API client.</summary>
[Collection(GitServerGroup.Name)]
public sealed class RefusalPageTests(GitHttpServer server)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Theory]
    [InlineData("user51/evil.example.org/", null, HttpStatusCode.NotFound, "No such workspace")]
    [InlineData("user51/{cluster}/", "user52", HttpStatusCode.Forbidden, "Not your workspace")]
    public async Task A_browser_gets_a_page_and_an_api_client_problem_details_with_the_same_status(string pathTemplate, string? user, HttpStatusCode status, string title)
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        var path = pathTemplate.Replace("{cluster}", cluster, StringComparison.Ordinal);
        using var cache = new TemporaryFolder();
        await using var host = await WorkspaceHost.StartAsync(WorkspaceHost.Settings(server, cache.Path));

        using (var page = await SendAsync(host.Client, path, user, BrowserAccept))
        {
            Assert.Equal(status, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("default-src 'none'", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Contains($"<h1>{title}</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var problem = await SendAsync(host.Client, path, user, "application/json");
        Assert.Equal(status, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Contains(title, await problem.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, host.Manager.CreatedCount);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? user, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Accept", accept);
        if (user is not null) request.Headers.Add("X-Test-User", user);
        return await client.SendAsync(request);
    }
}
