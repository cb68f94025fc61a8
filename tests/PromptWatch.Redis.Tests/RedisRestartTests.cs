using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.Counters;
using PromptWatch.Hosting;
using PromptWatch.Redis.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary>Stops and starts the shared Redis server, so no other test may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisRestartGroup
{
    public const string Name = "Redis stopped and started";
}

/// <summary>
/// Redis stops in the middle of a run and comes back (empty: the test server saves nothing) on the same port: while it
/// is down every call fails with the clear exception and health is Unhealthy; afterwards the same store instance works
/// again by itself, health is Healthy, and an event whose processing failed during the outage is counted once on retry.
/// </summary>
[Collection(RedisRestartGroup.Name)]
public sealed class RedisRestartTests
{
    [Fact]
    public async Task Calls_fail_clearly_while_redis_is_down_and_the_same_store_works_again_after_its_restart()
    {
        var services = new ServiceCollection();
        services.AddLogging(static builder => builder.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        var prefix = RedisTestServer.UniquePrefix();
        // The repository is never scanned here: it only satisfies AddPromptWatch's validation when the health checks are built.
        services.AddPromptWatch(o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" })).AddRedisCounters(o =>
        {
            var test = RedisTestServer.Options(prefix);
            o.Configuration = test.Configuration;
            o.KeyPrefix = prefix;
            // Bounds for "does not hang": while the server is down calls fail at once (refused connection, no
            // backlog), and up they must not fail because a busy machine took over a second to connect or answer.
            o.OperationTimeout = TimeSpan.FromSeconds(15);
            o.ConnectTimeout = TimeSpan.FromSeconds(15);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(15);
        });
        await using var provider = services.BuildServiceProvider();
        var logs = provider.GetFakeLogCollector();
        var store = provider.GetRequiredService<ICounterStore>();
        var health = provider.GetRequiredService<HealthCheckService>();

        Assert.True(await store.ApplyOnceAsync("delivery:1", TimeSpan.FromHours(1), [new("events")]));
        AssertUp((await health.CheckHealthAsync()).Entries["promptwatch:counters:redis"]);

        RedisTestServer.Run("stop-server");
        try
        {
            // The event of delivery 2 arrives while Redis is down: processing fails, the receiver keeps it for a retry.
            var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.ApplyOnceAsync("delivery:2", TimeSpan.FromHours(1), [new("events")]));
            Assert.StartsWith($"Could not apply increments once for marker 'delivery:2' in Redis at {RedisTestServer.Endpoint}: ", failure.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PromptWatchException>(async () => await store.IncrementAsync("events"));
            await Assert.ThrowsAsync<PromptWatchException>(async () => await store.GetAsync(["events"]));
            await Assert.ThrowsAsync<PromptWatchException>(async () => await store.TrySetMarkerAsync("m", TimeSpan.FromMinutes(1)));
            await Assert.ThrowsAsync<PromptWatchException>(async () => await store.DeleteAsync(["events"]));

            var down = (await health.CheckHealthAsync()).Entries["promptwatch:counters:redis"];
            Assert.Equal(HealthStatus.Unhealthy, down.Status);
            Assert.Contains(RedisTestServer.Endpoint, down.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(RedisTestServer.Password, down.Description, StringComparison.Ordinal);
        }
        finally
        {
            RedisTestServer.Run("start-server");
        }

        // The retry succeeds once the client has reconnected by itself; a generous bound for "does not hang".
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        bool applied;
        while (true)
        {
            try
            {
                applied = await store.ApplyOnceAsync("delivery:2", TimeSpan.FromHours(1), [new("events")]);
                break;
            }
            catch (PromptWatchException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(applied);
        // A second retry of the same delivery (its first retry's answer lost, say) counts nothing.
        Assert.False(await store.ApplyOnceAsync("delivery:2", TimeSpan.FromHours(1), [new("events")]));
        // The restarted server saved nothing: delivery 1 and its count are gone, delivery 2 counted once.
        Assert.Equal(1, (await store.GetAsync(["events"]))["events"]);
        AssertUp((await health.CheckHealthAsync()).Entries["promptwatch:counters:redis"]);
        Assert.Contains(logs.GetSnapshot(), static r => r.Id.Id == 401);
        Assert.Contains(logs.GetSnapshot(), static r => r.Id.Id == 402);
        Assert.DoesNotContain(RedisTestServer.Password, logs.AllText(), StringComparison.Ordinal);
    }

    // Up: Healthy, or Degraded when this busy machine took over half the 15 s timeout to answer; never Unhealthy.
    private static void AssertUp(HealthReportEntry entry) =>
        Assert.True(entry.Status is HealthStatus.Healthy or HealthStatus.Degraded, $"{entry.Status}: {entry.Description}");
}
