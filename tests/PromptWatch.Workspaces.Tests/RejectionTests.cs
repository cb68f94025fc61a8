using System.Net;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Users that do not match the pattern and clusters not on the allow-list are 404 before any connection.</summary>
[Collection(GitServerGroup.Name)]
public sealed class RejectionTests(GitHttpServer server)
{
    public static TheoryData<string> Rejected => new()
    {
        "user1/evil.example.org/api/changes",
        "user1/evil.example.org/",
        "user1/apps.test/api/changes",
        "user1/127.0.0.1/api/changes",
        "user1/localhost/api/refresh",
        "user1/notallowed-{0}.example.org/eval/abcdef1",
        "admin/{cluster}/api/changes",
        "user12345/{cluster}/api/changes",
        "user1x/{cluster}/api/repositories",
        "USER1/{cluster}/api/changes",
        "user1%2F..%2Fuser2/{cluster}/api/changes",
        "user1/evil.org%2Fx@attacker.example/api/changes",
        "user1/{cluster}.evil.org/api/changes",
        "user1/api/changes",
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Is_404_and_the_git_server_sees_no_request(string pathTemplate)
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        var marker = Guid.NewGuid().ToString("N")[..8];
        var path = pathTemplate.Replace("{cluster}", cluster, StringComparison.Ordinal).Replace("{0}", marker, StringComparison.Ordinal);
        using var cache = new TemporaryFolder();
        // No DefaultCluster: the legacy /{user} routes are 404 too.
        await using var host = await WorkspaceHost.StartAsync(WorkspaceHost.Settings(server, cache.Path));
        var before = (await server.AccessLogLinesAsync()).Count;

        using var response = path.Contains("/api/refresh", StringComparison.Ordinal)
            ? await host.Client.PostAsync(new Uri(path, UriKind.Relative), null)
            : await host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, host.Manager.AliveCount);
        Assert.Equal(0, host.Manager.CreatedCount);
        var after = (await server.AccessLogLinesAsync()).Skip(before).ToList();
        Assert.DoesNotContain(after, l => l.Contains(cluster, StringComparison.Ordinal) || l.Contains(marker, StringComparison.Ordinal) || l.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_no_allow_list_no_cluster_is_served()
    {
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings.Remove("PromptWatch:Workspaces:AllowedClusters:0");
        settings.Remove("PromptWatch:Workspaces:CredentialWildcards:0");
        await using var host = await WorkspaceHost.StartAsync(settings);

        using var response = await host.Client.GetAsync(new Uri("user1/apps.cluster-abc.example.com/api/changes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, host.Manager.CreatedCount);
    }

    [Fact]
    public async Task A_signed_in_user_may_open_only_their_own_workspace_unless_admin()
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var cache = new TemporaryFolder();
        await using var host = await WorkspaceHost.StartAsync(WorkspaceHost.Settings(server, cache.Path));

        async Task<HttpStatusCode> Get(string path, string? user, string? roles = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (user is not null) request.Headers.Add("X-Test-User", user);
            if (roles is not null) request.Headers.Add("X-Test-Roles", roles);
            using var response = await host.Client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Get($"user41/{cluster}/api/changes", "user42"));
        Assert.Equal(HttpStatusCode.Forbidden, await Get($"user41/{cluster}/api/changes", "user42", "reader"));
        Assert.Equal(0, host.Manager.CreatedCount);
        Assert.Equal(HttpStatusCode.OK, await Get($"user41/{cluster}/api/changes", "user41"));
        Assert.Equal(HttpStatusCode.OK, await Get($"user43/{cluster}/api/changes", "someone", "promptwatch-admin"));
        // Requests without a signed-in user are served here because the settings allow them (AnonymousTests).
        Assert.Equal(HttpStatusCode.OK, await Get($"user44/{cluster}/api/changes", null));
        // Invalid stays 404 whoever asks.
        Assert.Equal(HttpStatusCode.NotFound, await Get("user41/evil.example.org/api/changes", "user41"));
    }
}
