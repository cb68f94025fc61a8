using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

/// <summary>The sample serves workspaces only when configuration switches them on.</summary>
public sealed class SampleWorkspacesTests
{
    [Fact]
    public async Task Workspaces_are_off_by_default_and_on_from_configuration()
    {
        using var repository = new WatchedRepository();
        using (var plain = new PromptWatchHost(repository.Path))
        {
            var client = await plain.StartAsync();
            using var response = await client.GetAsync(new Uri("user1/apps.example.test/api/changes", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var health = await client.GetStringAsync(new Uri("health/detailed", UriKind.Relative));
            Assert.DoesNotContain("workspace", health, StringComparison.Ordinal);
        }

        using var enabled = new PromptWatchHost(repository.Path, settings: new Dictionary<string, string>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.example.test",
            // Without JWT_SECRET_KEY the sample has no sign-in: anonymous access is an explicit choice.
            ["PromptWatch:Workspaces:AllowAnonymous"] = "true",
        });
        var workspaces = await enabled.StartAsync();
        using var served = await workspaces.GetAsync(new Uri("user1/apps.example.test/api/changes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using var refused = await workspaces.GetAsync(new Uri("user1/apps.other.test/api/changes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        // The host's own repository is still served at the root.
        using var root = await workspaces.GetAsync(new Uri("api/repositories", UriKind.Relative));
        Assert.Contains("service", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosts_routes_are_named_and_described_and_the_workspace_families_serve_the_same_routes_undescribed()
    {
        using var repository = new WatchedRepository();
        using var host = new PromptWatchHost(repository.Path, settings: new Dictionary<string, string>
        {
            ["PromptWatch:Workspaces:Enabled"] = "true",
            ["PromptWatch:Workspaces:GitRepoUrl"] = "http://127.0.0.1:9/{cluster}/{user}/canopy-be.git",
            ["PromptWatch:Workspaces:AllowedClusters:0"] = "apps.example.test",
        });
        await host.StartAsync();
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        string Route(RouteEndpoint e) => $"{string.Join(',', e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().SelectMany(static m => m.HttpMethods))} {e.RoutePattern.RawText}";

        var named = endpoints.Where(static e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null).ToDictionary(static e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, Route);
        Assert.Equal("GET,HEAD /api/changes", named["PromptWatchChanges"]);
        Assert.Equal("POST /api/refresh", named["PromptWatchRefresh"]);
        Assert.Equal("GET,HEAD /api/events", named["PromptWatchEvents"]);
        Assert.All(named.Values, static route => Assert.DoesNotContain("{user}", route, StringComparison.Ordinal));

        // Every API route of the host is served by both workspace families, none of them named or in the API description
        // (the result routes too when workspaces have results; these have none).
        string[] api = ["PromptWatchChanges", "PromptWatchChange", "PromptWatchUseCases", "PromptWatchRepositories", "PromptWatchRefresh", "PromptWatchEvents", "PromptWatchResultStores"];
        var hostApi = api.Select(name => named[name]).ToList();
        foreach (var family in new[] { "/{user}/{cluster}", "/{user}" })
        {
            var familyRoutes = endpoints.Where(e => e.RoutePattern.RawText!.StartsWith(family + "/", StringComparison.Ordinal) && e.RoutePattern.RawText.Count(static c => c == '{') >= family.Count(static c => c == '{')).ToList();
            foreach (var route in hostApi)
            {
                var method = route.Split(' ')[0];
                var path = route.Split(' ')[1];
                Assert.True(familyRoutes.Any(e => Route(e) == $"{method} {family}{path}"), $"{method} {family}{path} is missing from:\n{string.Join('\n', familyRoutes.Select(Route))}");
            }

            Assert.All(familyRoutes.Where(static e => e.RoutePattern.RawText!.Contains("/api/", StringComparison.Ordinal)), static e =>
            {
                Assert.Null(e.Metadata.GetMetadata<IEndpointNameMetadata>());
                Assert.NotNull(e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>());
            });
        }
    }
}
