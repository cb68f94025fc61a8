using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>Every GET route of the sample web host answers HEAD, with the status and headers GET gives and no body.</summary>
public sealed class HeadRequestTests : IDisposable
{
    private readonly WatchedRepository _repository = new();

    public HeadRequestTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task Every_route_that_answers_GET_answers_HEAD()
    {
        // Every package of the sample mapped: GitHub activity and workspaces as well as the API, dashboard and health.
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string>
        {
            ["GITHUB_WEBHOOK_SECRET"] = "head-test-secret",
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.example.test",
        });
        using var client = await host.StartAsync();

        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(static e => (Pattern: e.RoutePattern.RawText, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(static e => e.Methods is not null && e.Methods.Contains(HttpMethods.Get))
            .ToList();

        Assert.Contains(routes, static r => r.Pattern!.EndsWith("api/changes", StringComparison.Ordinal));
        Assert.Contains(routes, static r => r.Pattern!.Contains("api/monitor", StringComparison.Ordinal));
        Assert.Contains(routes, static r => r.Pattern!.StartsWith("/{user}/{cluster}", StringComparison.Ordinal));
        Assert.All(routes, static r => Assert.True(r.Methods!.Contains(HttpMethods.Head), $"GET {r.Pattern} does not answer HEAD."));
    }

    [Theory]
    [InlineData("api/changes")]
    [InlineData("api/usecases")]
    [InlineData("api/repositories")]
    [InlineData("")]
    [InlineData("openapi/v1.json")]
    [InlineData("api/monitor/health")]
    public async Task HEAD_gives_the_status_and_headers_of_GET_and_no_body(string path)
    {
        using var host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string> { ["GITHUB_WEBHOOK_SECRET"] = "head-test-secret" });
        host.UseKestrel(0);
        host.StartServer();
        using var client = host.CreateClient();
        using (var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null)) refresh.EnsureSuccessStatusCode();

        using var get = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_of_the_event_stream_answers_its_headers_at_once()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "api/events"), cancel.Token);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/event-stream", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(cancel.Token));
    }

    public void Dispose() => _repository.Dispose();
}
