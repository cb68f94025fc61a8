using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

[Collection(GitServerGroup.Name)]
public sealed class WrongPasswordTests(GitHttpServer server)
{
    [Fact]
    public async Task A_wrong_password_makes_the_workspace_unhealthy_with_a_clear_reason_and_no_secret_anywhere()
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "Summarize.");
        server.Publish(cluster, "user31", repository);
        var rightPassword = "right-" + Guid.NewGuid().ToString("N");
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        server.AddUser("user31", rightPassword);

        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings["PromptWatch:Workspaces:Credentials:user31:GitPassword"] = wrongPassword;
        await using var host = await WorkspaceHost.StartAsync(settings);

        var responses = new List<string>();
        var status = await host.WaitForFirstScanAsync($"user31/{cluster}");
        responses.Add(status.GetRawText());
        Assert.False(status.GetProperty("last_scan_ok").GetBoolean());
        Assert.Contains("authentication failed", status.GetProperty("last_error").GetString(), StringComparison.Ordinal);

        var health = await host.GetJsonAsync("health/detailed");
        responses.Add(health.GetRawText());
        var entry = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == $"promptwatch:workspace:user31/{cluster}");
        Assert.Equal("Unhealthy", entry.GetProperty("status").GetString());
        Assert.Contains("authentication failed", entry.GetProperty("description").GetString(), StringComparison.Ordinal);
        var summary = health.GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("name").GetString() == "promptwatch:workspaces");
        Assert.StartsWith("1 workspace alive (", summary.GetProperty("description").GetString(), StringComparison.Ordinal);
        // One user's failure does not take the host out of service.
        Assert.NotEqual("Unhealthy", health.GetProperty("status").GetString());

        using var refresh = await host.Client.PostAsync(new Uri($"user31/{cluster}/api/refresh", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, refresh.StatusCode);
        responses.Add(await refresh.Content.ReadAsStringAsync());
        responses.Add((await host.GetJsonAsync($"user31/{cluster}/api/changes")).GetRawText());
        responses.Add((await host.GetJsonAsync($"user31/{cluster}/api/s3-debug")).GetRawText());

        // The server saw the user and refused it; the password is in no log line and no response.
        Assert.Contains((await server.AccessLogLinesAsync()), l => l.Contains($"/{cluster}/user31/", StringComparison.Ordinal) && l.Contains("\" 401 ", StringComparison.Ordinal));
        var logs = host.Logs.AllText();
        Assert.Contains("authentication failed", logs, StringComparison.Ordinal);
        // No scan ever succeeded, so there is no last good scan to speak of.
        Assert.Contains("failed before any scan succeeded", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("the last good scan stays published", logs, StringComparison.Ordinal);
        foreach (var secret in new[] { wrongPassword, rightPassword })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.All(responses, r => Assert.DoesNotContain(secret, r, StringComparison.Ordinal));
        }
    }
}
