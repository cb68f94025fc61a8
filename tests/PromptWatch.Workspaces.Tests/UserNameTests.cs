using System.Net;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>
/// The credential sources fold user names (configuration keys ignore case; environment variables upper-case them and
/// turn '.' and '-' into '_') while the route and the signed-in user compare exactly: a name the lookup would fold into
/// another spelling is refused, so one user never reads another's secrets.
/// </summary>
[Collection(GitServerGroup.Name)]
public sealed class UserNameTests(GitHttpServer server)
{
    private static WorkspaceAddressing Addressing(WorkspaceCredentialSourceKind source)
    {
        var options = new WorkspaceOptions { Enabled = true, GitRepoUrl = "https://git.{cluster}/{user}.git", UserPattern = "^[A-Za-z0-9._-]+$", CredentialSource = source };
        options.AllowedClusters.Add("apps.test");
        return new WorkspaceAddressing(options);
    }

    [Theory]
    [InlineData(WorkspaceCredentialSourceKind.Configuration, "Bob", false)]
    [InlineData(WorkspaceCredentialSourceKind.Configuration, "bob", true)]
    [InlineData(WorkspaceCredentialSourceKind.Configuration, "a.b", true)]
    [InlineData(WorkspaceCredentialSourceKind.Configuration, "a_b", true)]
    [InlineData(WorkspaceCredentialSourceKind.Files, "Bob", false)]
    [InlineData(WorkspaceCredentialSourceKind.Files, "a-b", true)]
    [InlineData(WorkspaceCredentialSourceKind.Environment, "Bob", false)]
    [InlineData(WorkspaceCredentialSourceKind.Environment, "a.b", false)]
    [InlineData(WorkspaceCredentialSourceKind.Environment, "a-b", false)]
    [InlineData(WorkspaceCredentialSourceKind.Environment, "a_b", true)]
    [InlineData(WorkspaceCredentialSourceKind.Environment, "bob", true)]
    public void A_name_the_credential_lookup_would_fold_is_refused(WorkspaceCredentialSourceKind source, string user, bool accepted)
    {
        Assert.Equal(accepted, Addressing(source).TryValidate(user, "apps.test", out _));
    }

    [Fact]
    public async Task Bob_signed_in_cannot_open_a_workspace_with_bobs_credentials()
    {
        var cluster = $"n{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "Summarize.");
        var password = server.PublishWithNewPassword(cluster, "bob", repository);
        server.Publish(cluster, "Bob", repository);
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings.Remove("PromptWatch:Workspaces:AllowAnonymous");
        settings["PromptWatch:Workspaces:UserPattern"] = "^[A-Za-z0-9._-]+$";
        settings["PromptWatch:Workspaces:Credentials:bob:GitPassword"] = password;
        await using var host = await WorkspaceHost.StartAsync(settings);
        var before = (await server.AccessLogLinesAsync()).Count;

        async Task<HttpStatusCode> Get(string path, string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("X-Test-User", user);
            using var response = await host.Client.SendAsync(request);
            return response.StatusCode;
        }

        // Configuration keys ignore case: "Bob" would have been read with bob's password.
        Assert.Equal(HttpStatusCode.NotFound, await Get($"Bob/{cluster}/api/changes", "Bob"));
        Assert.Equal(0, host.Manager.CreatedCount);
        Assert.DoesNotContain((await server.AccessLogLinesAsync()).Skip(before), l => l.Contains($"/{cluster}/", StringComparison.Ordinal));
        // Authorization compares exactly: "Bob" may not open bob's workspace; bob may.
        Assert.Equal(HttpStatusCode.Forbidden, await Get($"bob/{cluster}/api/changes", "Bob"));
        Assert.Equal(HttpStatusCode.OK, await Get($"bob/{cluster}/api/changes", "bob"));
    }
}
