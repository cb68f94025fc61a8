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
        await using var provider = Host(operationTimeout: TimeSpan.FromMilliseconds(300), healthCheckTimeout: TimeSpan.FromMilliseconds(300));
        var store = provider.GetRequiredService<ICounterStore>();
        var health = provider.GetRequiredService<HealthCheckService>();
        Assert.Equal(0, (await store.GetAsync(["events"]))["events"]);
        await using var raw = await RedisTestServer.ConnectRawAsync();

        await raw.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "1500", "ALL");
        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("events")]));
        var report = await health.CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis");

        Assert.Equal($"Could not apply increments once for marker 'delivery' in Redis at {RedisTestServer.Endpoint}: the server did not answer within 300 ms (OperationTimeout).", failure.Message);
        var entry = report.Entries["promptwatch:counters:redis"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        // Either the PING itself timed out, or the connection was already given up after the timed-out command.
        Assert.StartsWith($"Redis at {RedisTestServer.Endpoint} ", entry.Description, StringComparison.Ordinal);
        Assert.EndsWith("counter updates are queued and retried.", entry.Description, StringComparison.Ordinal);

        // Redis carries the command out when the pause ends: the retry finds the marker and adds nothing.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        bool applied;
        while (true)
        {
            try
            {
                applied = await store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("events")]);
                break;
            }
            catch (PromptWatchException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        Assert.False(applied);
        Assert.Equal(1, (await store.GetAsync(["events"]))["events"]);
    }

    [Fact]
    public async Task A_slow_ping_makes_health_degraded()
    {
        // Degraded above half the timeout (5 s): a PING sent within 3 s of the 8 s pause waits at least 5 s and
        // answers before the 10 s timeout, margins a loaded machine keeps.
        await using var provider = Host(operationTimeout: TimeSpan.FromSeconds(15), healthCheckTimeout: TimeSpan.FromSeconds(10));
        var health = provider.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis")).Status);
        await using var raw = await RedisTestServer.ConnectRawAsync();

        await raw.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "8000", "ALL");
        var entry = (await health.CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis")).Entries["promptwatch:counters:redis"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("answered PING slowly", entry.Description, StringComparison.Ordinal);
    }

    private static ServiceProvider Host(TimeSpan operationTimeout, TimeSpan healthCheckTimeout)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPromptWatch(o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" }))
            .AddRedisCounters(o =>
            {
                o.Configuration = RedisTestServer.Configuration;
                o.KeyPrefix = RedisTestServer.UniquePrefix();
                o.OperationTimeout = operationTimeout;
                o.HealthCheckTimeout = healthCheckTimeout;
            });
        return services.BuildServiceProvider();
    }
}
