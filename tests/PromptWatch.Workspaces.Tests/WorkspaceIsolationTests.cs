using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Two users on one cluster, each with a password-protected repository on a real Git smart-HTTP server.</summary>
[Collection(GitServerGroup.Name)]
public sealed class WorkspaceIsolationTests(GitHttpServer server)
{
    [Fact]
    public async Task Two_users_see_their_own_timelines_and_never_each_others()
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var first = new WatchedRepository();
        first.Set("prod", "summarize", "gpt-4o", "Summarize for user one.");
        first.Set("test", "summarize", "gpt-4o-mini", "Summarize for user one, test.");
        using var second = new WatchedRepository();
        second.Set("prod", "translate", "claude", "Translate for user two.");
        var firstPassword = server.PublishWithNewPassword(cluster, "user1", first);
        var secondPassword = server.PublishWithNewPassword(cluster, "user2", second);

        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings["PromptWatch:Workspaces:DefaultCluster"] = cluster;
        settings["PromptWatch:Workspaces:Credentials:user1:GitPassword"] = firstPassword;
        settings["PromptWatch:Workspaces:Credentials:user2:GitPassword"] = secondPassword;
        await using var host = await WorkspaceHost.StartAsync(settings);

        // The first request answers at once; the first scan runs in the background.
        var early = await host.GetJsonAsync($"user1/{cluster}/api/changes");
        Assert.Equal(JsonValueKind.Array, early.ValueKind);
        await host.WaitForFirstScanAsync($"user1/{cluster}");
        await host.WaitForFirstScanAsync($"user2/{cluster}");

        var one = await host.GetJsonAsync($"user1/{cluster}/api/changes");
        var two = await host.GetJsonAsync($"user2/{cluster}/api/changes");
        Assert.Equal(2, one.GetArrayLength());
        Assert.Single(two.EnumerateArray());
        Assert.All(one.EnumerateArray(), e => Assert.Equal("summarize", e.GetProperty("usecase").GetString()));
        Assert.All(one.EnumerateArray(), e => Assert.Equal($"user1/{cluster}", e.GetProperty("repository").GetString()));
        Assert.All(two.EnumerateArray(), e => Assert.Equal("translate", e.GetProperty("usecase").GetString()));
        var oneShas = one.EnumerateArray().Select(static e => e.GetProperty("commit_sha").GetString()).ToHashSet();
        Assert.DoesNotContain(two.EnumerateArray(), e => oneShas.Contains(e.GetProperty("commit_sha").GetString()));
        Assert.DoesNotContain("user two", one.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("user one", two.GetRawText(), StringComparison.Ordinal);

        // Use cases and repositories of one never show the other.
        var useCases = (await host.GetJsonAsync($"user2/{cluster}/api/usecases")).GetRawText();
        Assert.Contains("translate", useCases, StringComparison.Ordinal);
        Assert.DoesNotContain("summarize", useCases, StringComparison.Ordinal);
        var repositories = (await host.GetJsonAsync($"user2/{cluster}/api/repositories")).GetRawText();
        Assert.DoesNotContain("user1", repositories, StringComparison.Ordinal);

        // The legacy /{user} routes serve the default cluster's workspace: the same one, not a second.
        var legacy = await host.GetJsonAsync("user1/api/changes");
        Assert.Equal(one.GetRawText(), legacy.GetRawText());
        Assert.Equal(2, host.Manager.AliveCount);

        // Each workspace has its own health entry.
        var health = await host.GetJsonAsync("health/detailed");
        var checks = health.GetProperty("checks").EnumerateArray().ToDictionary(static c => c.GetProperty("name").GetString()!, static c => c);
        Assert.Equal("Healthy", checks[$"promptwatch:workspace:user1/{cluster}"].GetProperty("status").GetString());
        Assert.Equal("Healthy", checks[$"promptwatch:workspace:user2/{cluster}"].GetProperty("status").GetString());
        Assert.Equal(2, checks["promptwatch:workspaces"].GetProperty("data").GetProperty("alive").GetInt32());

        // Both passwords were used, each for its own repository, and neither appears anywhere.
        var log = (await server.AccessLogLinesAsync());
        Assert.Contains(log, l => l.Contains(" user1 ", StringComparison.Ordinal) && l.Contains($"/{cluster}/user1/", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains(" user2 ", StringComparison.Ordinal) && l.Contains($"/{cluster}/user2/", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains(" user1 ", StringComparison.Ordinal) && l.Contains($"/{cluster}/user2/", StringComparison.Ordinal));
        foreach (var secret in new[] { firstPassword, secondPassword })
        {
            Assert.DoesNotContain(secret, host.Logs.AllText(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, health.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, repositories, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_dashboard_is_served_under_the_workspace_path_with_its_files()
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var cache = new TemporaryFolder();
        await using var host = await WorkspaceHost.StartAsync(WorkspaceHost.Settings(server, cache.Path));

        using var redirect = await host.Client.GetAsync(new Uri($"user7/{cluster}", UriKind.Relative));
        Assert.Equal($"/user7/{cluster}/", redirect.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, redirect.StatusCode);
        var page = await redirect.Content.ReadAsStringAsync();
        Assert.Contains("dashboard/app.js", page, StringComparison.Ordinal);
        // Every reference of the page is relative, so it resolves under the workspace path, not at the host's root.
        Assert.DoesNotContain("src=\"/", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/", page, StringComparison.Ordinal);
        using var script = await host.Client.GetAsync(new Uri($"user7/{cluster}/dashboard/app.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        // What the page reads from there is this workspace's repository, with the state the page shows ("scanning...").
        var repository = Assert.Single((await host.GetJsonAsync($"user7/{cluster}/api/repositories")).EnumerateArray());
        Assert.Equal($"user7/{cluster}", repository.GetProperty("name").GetString());
        Assert.True(repository.GetProperty("scanning").ValueKind is JsonValueKind.True or JsonValueKind.False);
        using var style = await host.Client.GetAsync(new Uri($"user7/{cluster}/dashboard/app.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
    }
}
