using System.Net;
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
}
