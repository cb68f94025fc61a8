using System.Net;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Requests without a signed-in user open no workspace unless the settings allow them.</summary>
[Collection(GitServerGroup.Name)]
public sealed class AnonymousTests(GitHttpServer server)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_a_signed_in_user_a_workspace_is_401_with_the_hosts_challenge_and_nothing_is_read(bool authentication)
    {
        var cluster = $"a{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "Summarize.");
        var password = server.PublishWithNewPassword(cluster, "user42", repository);
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings.Remove("PromptWatch:Workspaces:AllowAnonymous");
        settings["PromptWatch:Workspaces:Credentials:user42:GitPassword"] = password;
        await using var host = await WorkspaceHost.StartAsync(settings, authentication: authentication);
        var before = (await server.AccessLogLinesAsync()).Count;

        foreach (var path in new[] { $"user42/{cluster}/api/changes", $"user42/{cluster}/", $"user42/{cluster}/api/events", "user42/evil.example.org/api/changes" })
        {
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(authentication ? "TestHeader" : "Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Sign in to open a workspace", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var refresh = await host.Client.PostAsync(new Uri($"user42/{cluster}/api/refresh", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }

        Assert.Equal(0, host.Manager.CreatedCount);
        var after = (await server.AccessLogLinesAsync()).Skip(before);
        Assert.DoesNotContain(after, l => l.Contains(cluster, StringComparison.Ordinal));
        if (!authentication) return;

        // The signed-in user opens their own workspace, read with their credentials.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"user42/{cluster}/api/changes", UriKind.Relative));
        request.Headers.Add("X-Test-User", "user42");
        using var own = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(1, host.Manager.CreatedCount);
    }
}
