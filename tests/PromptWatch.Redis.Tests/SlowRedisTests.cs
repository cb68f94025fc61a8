using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.Counters;
using PromptWatch.Hosting;
using PromptWatch.Redis.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// Redis that answers late (CLIENT PAUSE holds every client's commands): operations time out with the clear exception,
/// health is Degraded or Unhealthy, and an apply-once call that timed out (but was carried out later) is not counted
/// again by its retry. Pausing the shared server stops every client, so these run with no other test.
/// </summary>
[Collection(RedisRestartGroup.Name)]
public sealed class SlowRedisTests
{
    [Fact]
    public async Task A_timed_out_apply_once_is_reported_and_its_retry_counts_nothing_more()
    {
        // The client times a call out on its once-a-second heartbeat, and drops the connection when that heartbeat
        // finds nothing read for four time-outs (then Redis never runs the paused call). With a 3 s time-out and a
        // 10 s pause, the call has timed out within 4 s of being sent and the 1 s PING after it, while nothing is
        // dropped before 13 s: a busy machine may stall 5 s before the call and 3 s before the pause.
        await using var provider = Host(operationTimeout: TimeSpan.FromSeconds(3), healthCheckTimeout: TimeSpan.FromSeconds(1));
        var store = provider.GetRequiredService<ICounterStore>();
        var health = provider.GetRequiredService<HealthCheckService>();
        await using var raw = await RedisTestServer.ConnectRawAsync();
        // Connected (and something read) just before the pause.
        Assert.Equal(0, await RetryAsync(async () => (await store.GetAsync(["events"]))["events"]));

        await raw.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "10000", "ALL");
        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("events")]));
        var report = await health.CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis");

        Assert.Equal($"Could not apply increments once for marker 'delivery' in Redis at {RedisTestServer.Endpoint}: the server did not answer within 3000 ms (OperationTimeout).", failure.Message);
        var entry = report.Entries["promptwatch:counters:redis"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        // Either the PING itself timed out, or the connection was already given up after the timed-out command.
        Assert.StartsWith($"Redis at {RedisTestServer.Endpoint} ", entry.Description, StringComparison.Ordinal);
        Assert.EndsWith("counter updates are queued and retried.", entry.Description, StringComparison.Ordinal);

        // Redis carries the command out when the pause ends: the retry finds the marker and adds nothing.
        Assert.False(await RetryAsync(async () => await store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("events")])));
        Assert.Equal(1, await RetryAsync(async () => (await store.GetAsync(["events"]))["events"]));
    }

    [Fact]
    public async Task A_slow_ping_makes_health_degraded()
    {
        // Degraded above half the timeout (15 s). The proxy holds Redis's answers until the check's PING has waited
        // 16 s (measured from when the proxy saw it, so the PING surely waited longer), then releases them: the PING
        // answers 14 s before the 30 s timeout (and long before the 120 s operation time-out), whatever the load.
        await using var proxy = new HoldingProxy();
        await using var provider = Host(operationTimeout: TimeSpan.FromSeconds(120), healthCheckTimeout: TimeSpan.FromSeconds(30), proxy.Configuration);
        var health = provider.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis")).Status);

        proxy.Hold();
        var check = health.CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis");
        await proxy.PingHeld.WaitAsync(TimeSpan.FromSeconds(60));
        var held = Stopwatch.StartNew();
        while (held.Elapsed <= TimeSpan.FromSeconds(16)) await Task.Delay(100);
        Assert.False(check.IsCompleted, "The check reported before its PING was answered.");
        proxy.Release();
        var entry = (await check).Entries["promptwatch:counters:redis"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("answered PING slowly", entry.Description, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="call"/> until it does not time out (at most 30 s: a bound for "does not hang").</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (PromptWatchException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static ServiceProvider Host(TimeSpan operationTimeout, TimeSpan healthCheckTimeout, string? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPromptWatch(o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" }))
            .AddRedisCounters(o =>
            {
                o.Configuration = configuration ?? RedisTestServer.Configuration;
                o.KeyPrefix = RedisTestServer.UniquePrefix();
                o.ConnectTimeout = TimeSpan.FromSeconds(30);
                o.OperationTimeout = operationTimeout;
                o.HealthCheckTimeout = healthCheckTimeout;
            });
        return services.BuildServiceProvider();
    }
}
