using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>
/// Workspace creation and event streams are bounded: per user, per window, per host; a full host refuses instead of
/// evicting a busy workspace; every refusal is 429 or 503 with Retry-After and a problem naming the setting.
/// </summary>
[Collection(GitServerGroup.Name)]
public sealed class LimitsTests(GitHttpServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_user_at_the_per_user_cap_is_answered_429_until_an_idle_workspace_of_theirs_is_evicted()
    {
        using var cache = new TemporaryFolder();
        var settings = Unreachable(cache.Path);
        settings["PromptWatch:Workspaces:MaxAlivePerUser"] = "2";
        settings["PromptWatch:Workspaces:IdleTimeout"] = "00:10:00";
        var clock = new FakeTimeProvider(Start);
        await using var host = await WorkspaceHost.StartAsync(settings, clock);

        await host.GetJsonAsync("user1/a1.apps.test/api/changes");
        await host.GetJsonAsync("user1/a2.apps.test/api/changes");
        using (var third = await host.Client.GetAsync(new Uri("user1/a3.apps.test/api/changes", UriKind.Relative)))
        {
            await AssertRefusedAsync(third, HttpStatusCode.TooManyRequests, "PromptWatch:Workspaces:MaxAlivePerUser", retryAfterSeconds: 600);
        }

        // Other users are not held back by user1, and user1's own workspaces still answer.
        await host.GetJsonAsync("user2/a3.apps.test/api/changes");
        await host.GetJsonAsync("user1/a1.apps.test/api/changes");
        Assert.Equal(3, host.Manager.AliveCount);
        Assert.Equal(3, host.Manager.CreatedCount);

        // Once user1's workspaces are idle for the timeout they are evicted, and a new one may be created.
        clock.Advance(TimeSpan.FromMinutes(11));
        await WaitUntil(() => host.Manager.AliveCount == 0);
        await host.GetJsonAsync("user1/a3.apps.test/api/changes");
        Assert.Equal("a3.apps.test", Assert.Single(host.Manager.Alive).Key.Cluster);
    }

    [Fact]
    public async Task Creations_beyond_the_per_user_rate_are_answered_429_until_the_window_moves_on()
    {
        using var cache = new TemporaryFolder();
        var settings = Unreachable(cache.Path);
        settings["PromptWatch:Workspaces:MaxAlivePerUser"] = "1";
        settings["PromptWatch:Workspaces:MaxCreationsPerUser"] = "2";
        settings["PromptWatch:Workspaces:CreationWindow"] = "00:01:00";
        settings["PromptWatch:Workspaces:IdleTimeout"] = "00:00:10";
        var clock = new FakeTimeProvider(Start);
        await using var host = await WorkspaceHost.StartAsync(settings, clock);

        // Create, let it go idle and evicted, create again: each re-creation (a browser reconnecting, say) counts.
        await host.GetJsonAsync("user1/r1.apps.test/api/changes");
        clock.Advance(TimeSpan.FromSeconds(15));
        await WaitUntil(() => host.Manager.AliveCount == 0);
        await host.GetJsonAsync("user1/r1.apps.test/api/changes");
        clock.Advance(TimeSpan.FromSeconds(15));
        await WaitUntil(() => host.Manager.AliveCount == 0);

        using (var third = await host.Client.GetAsync(new Uri("user1/r1.apps.test/api/changes", UriKind.Relative)))
        {
            // The first creation was 30 s ago: it leaves the one-minute window in 30 s.
            await AssertRefusedAsync(third, HttpStatusCode.TooManyRequests, "PromptWatch:Workspaces:MaxCreationsPerUser", retryAfterSeconds: 30);
        }

        Assert.Equal(2, host.Manager.CreatedCount);
        await host.GetJsonAsync("user2/r1.apps.test/api/changes");
        clock.Advance(TimeSpan.FromSeconds(31));
        await host.GetJsonAsync("user1/r1.apps.test/api/changes");
        Assert.Equal(4, host.Manager.CreatedCount);
    }

    [Fact]
    public async Task Creations_beyond_the_total_rate_are_answered_429_for_every_user()
    {
        using var cache = new TemporaryFolder();
        var settings = Unreachable(cache.Path);
        settings["PromptWatch:Workspaces:MaxCreations"] = "2";
        settings["PromptWatch:Workspaces:CreationWindow"] = "00:05:00";
        var clock = new FakeTimeProvider(Start);
        await using var host = await WorkspaceHost.StartAsync(settings, clock);

        await host.GetJsonAsync("user1/t.apps.test/api/changes");
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.GetJsonAsync("user2/t.apps.test/api/changes");
        using (var third = await host.Client.GetAsync(new Uri("user3/t.apps.test/api/changes", UriKind.Relative)))
        {
            await AssertRefusedAsync(third, HttpStatusCode.TooManyRequests, "PromptWatch:Workspaces:MaxCreations", retryAfterSeconds: 240);
        }

        // Workspaces alive still answer.
        await host.GetJsonAsync("user1/t.apps.test/api/changes");
        Assert.Equal(2, host.Manager.CreatedCount);
    }

    [Fact]
    public async Task A_full_host_answers_503_instead_of_evicting_a_workspace_with_an_open_event_stream()
    {
        using var cache = new TemporaryFolder();
        var settings = Unreachable(cache.Path);
        settings["PromptWatch:Workspaces:MaxAlive"] = "1";
        settings["PromptWatch:Workspaces:BusyRetryAfter"] = "00:00:07";
        await using var host = await WorkspaceHost.StartAsync(settings);

        var stream = await host.Client.GetAsync(new Uri("user70/busy.apps.test/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        var body = await stream.Content.ReadAsStreamAsync();
        Assert.True(await body.ReadAsync(new byte[256]) > 0);
        var workspace = Assert.Single(host.Manager.Alive);

        using (var refused = await host.Client.GetAsync(new Uri("user71/busy.apps.test/api/changes", UriKind.Relative)))
        {
            await AssertRefusedAsync(refused, HttpStatusCode.ServiceUnavailable, "PromptWatch:Workspaces:MaxAlive", retryAfterSeconds: 7);
        }

        // The stream's workspace is still alive and serving.
        Assert.Same(workspace, Assert.Single(host.Manager.Alive));
        Assert.False(workspace.Stopping.IsCancellationRequested);
        await host.GetJsonAsync("user70/busy.apps.test/api/changes");

        // Once its stream is closed it is idle, and the next user's workspace takes its place.
        stream.Dispose();
        await WaitUntil(() => workspace.ActiveRequests == 0);
        await host.GetJsonAsync("user71/busy.apps.test/api/changes");
        Assert.Equal("user71", Assert.Single(host.Manager.Alive).Key.User);
        await host.Manager.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(workspace.IsStopped);
    }

    [Fact]
    public async Task Event_streams_beyond_the_per_workspace_and_total_caps_are_answered_503()
    {
        using var cache = new TemporaryFolder();
        var settings = Unreachable(cache.Path);
        settings["PromptWatch:Workspaces:MaxEventStreamsPerWorkspace"] = "2";
        settings["PromptWatch:Workspaces:MaxEventStreams"] = "3";
        settings["PromptWatch:Workspaces:BusyRetryAfter"] = "00:00:05";
        await using var host = await WorkspaceHost.StartAsync(settings);
        var open = new List<HttpResponseMessage>();
        try
        {
            open.Add(await OpenStreamAsync(host, "user1/sse.apps.test"));
            open.Add(await OpenStreamAsync(host, "user1/sse.apps.test"));
            using (var third = await host.Client.GetAsync(new Uri("user1/sse.apps.test/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
            {
                await AssertRefusedAsync(third, HttpStatusCode.ServiceUnavailable, "PromptWatch:Workspaces:MaxEventStreamsPerWorkspace", retryAfterSeconds: 5);
            }

            open.Add(await OpenStreamAsync(host, "user2/sse.apps.test"));
            using (var fourth = await host.Client.GetAsync(new Uri("user2/sse.apps.test/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
            {
                await AssertRefusedAsync(fourth, HttpStatusCode.ServiceUnavailable, "PromptWatch:Workspaces:MaxEventStreams", retryAfterSeconds: 5);
            }

            // Other requests are not streams and are not counted.
            await host.GetJsonAsync("user1/sse.apps.test/api/changes");
            Assert.Equal(3, host.Manager.EventStreamCount);

            // A stream that ends gives its place back.
            open[0].Dispose();
            await WaitUntil(() => host.Manager.EventStreamCount == 2);
            open[0] = await OpenStreamAsync(host, "user1/sse.apps.test");
            Assert.Equal(3, host.Manager.EventStreamCount);
        }
        finally
        {
            foreach (var response in open) response.Dispose();
        }
    }

    [Fact]
    public async Task A_clone_that_fails_leaves_no_cache_folder_behind()
    {
        using var cache = new TemporaryFolder();
        await using var host = await WorkspaceHost.StartAsync(Unreachable(cache.Path));

        var repository = await host.WaitForFirstScanAsync("user80/gone.apps.test");

        Assert.False(repository.GetProperty("last_scan_ok").GetBoolean(), repository.GetRawText());
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "gone.apps.test", "user80")), "the user's cache folder was left behind");
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "gone.apps.test")), "the cluster's cache folder was left behind");
    }

    // Users without repositories: the template points at a loopback port where nothing listens, so clones fail at once.
    private Dictionary<string, string?> Unreachable(string cacheDirectory)
    {
        var settings = WorkspaceHost.Settings(server, cacheDirectory);
        settings["PromptWatch:Workspaces:GitRepoUrl"] = $"http://127.0.0.1:{LoopbackPort.Closed()}/{{cluster}}/{{user}}/canopy-be.git";
        return settings;
    }

    private static async Task<HttpResponseMessage> OpenStreamAsync(WorkspaceHost host, string workspace)
    {
        var response = await host.Client.GetAsync(new Uri(workspace + "/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The hello event: the stream is open and counted.
        Assert.True(await (await response.Content.ReadAsStreamAsync()).ReadAsync(new byte[256]) > 0);
        return response;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string limit, int retryAfterSeconds)
    {
        // The status first: an event stream that was not refused would never end.
        Assert.Equal(status, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        Assert.Equal(retryAfterSeconds, problem.GetProperty("retry_after").GetInt32());
        Assert.Contains(limit, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not become true");
            await Task.Delay(20);
        }
    }
}
