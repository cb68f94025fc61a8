using System.Net;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Creating workspaces once, bounding how many are alive, evicting idle ones and reusing their clones.</summary>
[Collection(GitServerGroup.Name)]
public sealed class LifecycleTests(GitHttpServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Concurrent_first_requests_create_exactly_one_workspace()
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var cache = new TemporaryFolder();
        await using var host = await WorkspaceHost.StartAsync(WorkspaceHost.Settings(server, cache.Path));

        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await host.Client.GetAsync(new Uri(i % 2 == 0 ? $"user50/{cluster}/api/changes" : $"user50/{cluster.ToUpperInvariant()}/api/repositories", UriKind.Relative));
            return response.StatusCode;
        })).ToList();
        start.Set();
        var statuses = await Task.WhenAll(requests);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, host.Manager.CreatedCount);
        Assert.Equal(1, host.Manager.AliveCount);
    }

    [Fact]
    public async Task A_burst_of_500_users_keeps_at_most_the_maximum_alive_and_the_host_responsive()
    {
        // Users without repositories: the template points at a loopback port where nothing listens.
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings["PromptWatch:Workspaces:GitRepoUrl"] = $"http://127.0.0.1:{LoopbackPort.Closed()}/{{cluster}}/{{user}}/canopy-be.git";
        settings["PromptWatch:Workspaces:MaxAlive"] = "20";
        await using var host = await WorkspaceHost.StartAsync(settings);

        // Warm up, then measure memory before the burst.
        await host.GetJsonAsync("user9999/burst.apps.test/api/changes");
        var before = ManagedMemory();

        var maxAlive = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxAlive = Math.Max(maxAlive, host.Manager.AliveCount);
                await Task.Delay(1);
            }
        });
        using var gate = new SemaphoreSlim(64);
        var busy = 0;
        var statuses = await Task.WhenAll(Enumerable.Range(1, 500).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                // While all 20 workspaces have a request in flight none is evicted: the answer is 503 with Retry-After,
                // and the client asks again (at once here: the other requests end meanwhile).
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
                while (true)
                {
                    using var response = await host.Client.GetAsync(new Uri($"user{i}/burst.apps.test/api/changes", UriKind.Relative));
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline) return response.StatusCode;
                    Assert.NotNull(response.Headers.RetryAfter);
                    Interlocked.Increment(ref busy);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        await sampling.CancelAsync();
        await sampler;

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(501, host.Manager.CreatedCount);
        Assert.InRange(maxAlive, 1, 20);
        Assert.Equal(20, host.Manager.AliveCount);

        // Evicted workspaces stop (loops ended, monitors released), and memory returns to about where it was.
        await host.Manager.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, host.Manager.StoppingCount);
        var after = ManagedMemory();
        output.WriteLine($"max alive {maxAlive}; {busy} answers 503 while all were busy; managed memory {before / 1024} KiB before, {after / 1024} KiB after 500 users");
        Assert.True(after - before < 64L * 1024 * 1024, $"managed memory grew from {before / 1024} KiB to {after / 1024} KiB");

        // The host still answers (within 30 s, a bound for "does not hang" that a busy machine keeps).
        using var live = await host.Client.GetAsync(new Uri("health/live", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var health = await host.GetJsonAsync("health/detailed");
        Assert.Equal(20, health.GetProperty("checks").EnumerateArray().Count(c => c.GetProperty("name").GetString()!.StartsWith("promptwatch:workspace:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_idle_workspace_is_evicted_on_the_clock_and_comes_back_from_its_cached_clone()
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "First prompt.");
        var bare = server.Publish(cluster, "user60", repository);
        var password = Guid.NewGuid().ToString("N");
        server.AddUser("user60", password);

        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings["PromptWatch:Workspaces:Credentials:user60:GitPassword"] = password;
        settings["PromptWatch:Workspaces:IdleTimeout"] = "00:10:00";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = await WorkspaceHost.StartAsync(settings, clock);

        var first = await host.WaitForFirstScanAsync($"user60/{cluster}");
        Assert.True(first.GetProperty("last_scan_ok").GetBoolean(), first.GetRawText());
        var workspace = Assert.Single(host.Manager.Alive);
        var clone = Directory.GetDirectories(Path.Combine(cache.Path, cluster, "user60")).Single();
        var marker = Path.Combine(clone, "promptwatch-test-marker");
        await File.WriteAllTextAsync(marker, "kept");

        // Not idle yet: the idle timer fires (within Advance) and keeps it.
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(1, host.Manager.AliveCount);

        // Idle: the timer evicts it, its loop stops and its event streams end.
        clock.Advance(TimeSpan.FromMinutes(2));
        await WaitUntil(() => host.Manager.AliveCount == 0);
        await host.Manager.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(workspace.Stopping.IsCancellationRequested);
        Assert.True(workspace.IsStopped);
        Assert.Equal(0, host.Manager.StoppingCount);

        // A new commit, then a request: a new workspace fetches into the cached clone instead of cloning again.
        repository.Set("prod", "summarize", "gpt-4o", "Second prompt.");
        GitHttpServer.Push(repository, bare);
        var again = await host.WaitForFirstScanAsync($"user60/{cluster}");
        Assert.True(again.GetProperty("last_scan_ok").GetBoolean(), again.GetRawText());
        Assert.Equal(2, host.Manager.CreatedCount);
        Assert.True(File.Exists(marker), "the clone was replaced instead of reused");
        Assert.Equal(clone, Directory.GetDirectories(Path.Combine(cache.Path, cluster, "user60")).Single());
        var changes = await host.GetJsonAsync($"user60/{cluster}/api/changes");
        Assert.Equal("Second prompt.", changes[0].GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Stopping_the_workspaces_ends_their_event_streams_and_releases_them()
    {
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings["PromptWatch:Workspaces:GitRepoUrl"] = $"http://127.0.0.1:{LoopbackPort.Closed()}/{{cluster}}/{{user}}/canopy-be.git";
        settings["PromptWatch:Workspaces:MaxAlive"] = "1";
        await using var host = await WorkspaceHost.StartAsync(settings);

        using var stream = await host.Client.GetAsync(new Uri("user70/sse.apps.test/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        var body = await stream.Content.ReadAsStreamAsync();
        var first = new byte[256];
        Assert.True(await body.ReadAsync(first) > 0);
        var workspace = Assert.Single(host.Manager.Alive);
        Assert.Equal(1, workspace.ActiveRequests);

        // The host stops its workspaces (a busy one is never evicted for another): the stream ends, the request lets go,
        // the workspace stops.
        var stopped = host.Manager.DisposeAsync().AsTask();
        var rest = new MemoryStream();
        await body.CopyToAsync(rest).WaitAsync(TimeSpan.FromSeconds(30));
        await stopped.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(workspace.IsStopped);
        Assert.Equal(0, workspace.ActiveRequests);
        Assert.Equal(0, host.Manager.AliveCount);
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

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
