using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Counters;
using PromptWatch.Hosting;
using PromptWatch.Redis.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary>Two hosts, each with its own connection, on one Redis: the same counters, and every delivery counted once.</summary>
public sealed class TwoHostsTests
{
    [Fact]
    public async Task Both_hosts_see_the_same_counters()
    {
        var prefix = RedisTestServer.UniquePrefix();
        await using var first = Host(prefix);
        await using var second = Host(prefix);
        var a = first.GetRequiredService<ICounterStore>();
        var b = second.GetRequiredService<ICounterStore>();
        Assert.IsType<RedisCounterStore>(a);
        Assert.NotSame(a, b);

        await a.IncrementAsync("commits", 3);
        await b.IncrementAsync("commits", 4);
        Assert.True(await a.TrySetMarkerAsync("delivery", TimeSpan.FromHours(1)));
        Assert.False(await b.TrySetMarkerAsync("delivery", TimeSpan.FromHours(1)));
        await b.DeleteAsync(["delivery"]);

        Assert.Equal(7, (await a.GetAsync(["commits"]))["commits"]);
        Assert.Equal(7, (await b.GetAsync(["commits"]))["commits"]);
        Assert.True(await a.TrySetMarkerAsync("delivery", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task A_thousand_deliveries_sent_to_both_hosts_at_once_are_each_applied_exactly_once()
    {
        const int Deliveries = 1000;
        var prefix = RedisTestServer.UniquePrefix();
        await using var first = Host(prefix);
        await using var second = Host(prefix);
        ICounterStore[] stores = [first.GetRequiredService<ICounterStore>(), second.GetRequiredService<ICounterStore>()];

        // Every delivery reaches both hosts (GitHub's redelivery, or a retry after a time-out), in a different order on each.
        // Their attempts are interleaved: the first host goes from the first delivery up, the second from the last down.
        var attempts = Enumerable.Range(0, Deliveries)
            .SelectMany(i => new[] { (Delivery: i, Host: 0, Store: stores[0]), (Delivery: Deliveries - 1 - i, Host: 1, Store: stores[1]) })
            .ToList();
        using var gate = new SemaphoreSlim(64);
        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            await gate.WaitAsync();
            try
            {
                var applied = await attempt.Store.ApplyOnceAsync(
                    $"delivery:{attempt.Delivery}", TimeSpan.FromHours(1), [new("events"), new("commits", 2), new("hour:0", 1, TimeSpan.FromHours(1))]);
                return (attempt.Delivery, attempt.Host, Applied: applied);
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var delivery in outcomes.GroupBy(static o => o.Delivery))
        {
            Assert.Single(delivery, static o => o.Applied);
        }

        // Both hosts did part of the work.
        Assert.All(new[] { 0, 1 }, host => Assert.Contains(outcomes, o => o.Host == host && o.Applied));
        foreach (var store in stores)
        {
            var values = await store.GetAsync(["events", "commits", "hour:0"]);
            Assert.Equal(Deliveries, values["events"]);
            Assert.Equal(2 * Deliveries, values["commits"]);
            Assert.Equal(Deliveries, values["hour:0"]);
        }
    }

    /// <summary>A host's services as <c>AddPromptWatch().AddRedisCounters()</c> makes them, configured through <c>PromptWatch:Redis:Configuration</c>.</summary>
    private static ServiceProvider Host(string prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = $"redis://:{Uri.EscapeDataString(RedisTestServer.Password)}@{RedisTestServer.Endpoint}",
            ["PromptWatch:Redis:KeyPrefix"] = prefix,
            // Bounds for "does not hang" rather than the 5 s defaults: 128 calls in flight on a busy two-core machine
            // can wait longer than that for their turn.
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:30",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPromptWatch().AddRedisCounters();
        return services.BuildServiceProvider();
    }
}
