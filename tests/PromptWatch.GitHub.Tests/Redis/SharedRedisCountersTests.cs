using System.Net;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Hosting;

namespace PromptWatch.GitHub.Tests.Redis;

/// <summary>
/// Two hosts with the webhook receiver keep their counters in one real Redis: each delivery is counted once however
/// many hosts receive it, and while Redis is down the receiver still answers, keeps the deliveries and counts each once
/// when Redis is back.
/// </summary>
public sealed class SharedRedisCountersTests : IClassFixture<OwnRedisServer>
{
    private readonly OwnRedisServer _redis;

    public SharedRedisCountersTests(OwnRedisServer redis)
    {
        _redis = redis;
    }

    [Fact]
    public async Task Two_hosts_see_the_same_counters_and_count_a_delivery_received_by_both_once_also_across_a_Redis_restart()
    {
        var prefix = $"promptwatch-tests:{Guid.NewGuid():N}:";
        await using var first = await StartHostAsync(prefix);
        await using var second = await StartHostAsync(prefix);

        // Twenty deliveries, each sent to both hosts at once (as when a load balancer retries on another replica).
        var deliveries = Enumerable.Range(0, 20).Select(i => (Id: Guid.NewGuid().ToString(), Commit: $"{i:x40}")).ToList();
        await Task.WhenAll(deliveries.SelectMany(d => new[] { PostAcceptedAsync(first, d), PostAcceptedAsync(second, d) }));
        // Three more reach only the first host: the second sees them too.
        var firstOnly = Enumerable.Range(50, 3).Select(i => (Id: Guid.NewGuid().ToString(), Commit: $"{i:x40}")).ToList();
        await Task.WhenAll(firstOnly.Select(d => PostAcceptedAsync(first, d)));
        await first.WaitProcessedAsync(23);
        await second.WaitProcessedAsync(20);

        foreach (var host in new[] { first, second })
        {
            var counters = await host.CountersAsync();
            Assert.Equal(23, counters["pushes"]);
            Assert.Equal(23, counters["commits"]);
        }

        // Redis goes away: the receiver still answers 202 and keeps what it accepted.
        await _redis.StopAsync();
        var during = Enumerable.Range(100, 5).Select(i => (Id: Guid.NewGuid().ToString(), Commit: $"{i:x40}")).ToList();
        await Task.WhenAll(during.SelectMany(d => new[] { PostAcceptedAsync(first, d), PostAcceptedAsync(second, d) }));
        await WaitForStatusAsync(first, HttpStatusCode.ServiceUnavailable);

        using (var counters = await first.Client.GetAsync(new Uri("api/monitor/counters", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, counters.StatusCode);
        }

        // Back (empty: the test server saves nothing): every kept delivery is counted exactly once, by one host or the other.
        await _redis.StartAsync();
        await first.WaitProcessedAsync(28, TimeSpan.FromSeconds(60));
        await second.WaitProcessedAsync(25, TimeSpan.FromSeconds(60));
        await WaitForStatusAsync(first, HttpStatusCode.OK);
        foreach (var host in new[] { first, second })
        {
            var counters = await host.CountersAsync();
            Assert.Equal(5, counters["pushes"]);
            Assert.Equal(5, counters["commits"]);
        }

        foreach (var host in new[] { first, second })
        {
            Assert.DoesNotContain(_redis.Password, host.Logs.AllText(), StringComparison.Ordinal);
        }
    }

    private Task<GitHubHost> StartHostAsync(string prefix) => GitHubHost.StartAsync(
        o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(250),
        services => services.AddPromptWatch().AddRedisCounters(o =>
        {
            o.Configuration = _redis.Configuration;
            o.KeyPrefix = prefix;
            // Bounds for "does not hang": while Redis is down calls are refused at once; up, a busy machine's call or
            // PING must not count as a failure because it took over 2 s (the time-outs were 2 s, health's PING 2 s).
            o.ConnectTimeout = TimeSpan.FromSeconds(15);
            o.OperationTimeout = TimeSpan.FromSeconds(15);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(15);
        }));

    private static async Task PostAcceptedAsync(GitHubHost host, (string Id, string Commit) delivery)
    {
        using var response = await host.PostAsync("push", Payloads.Push("main", "octo/app", (delivery.Commit, [], ["README.md"])), delivery.Id);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task WaitForStatusAsync(GitHubHost host, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await host.Client.GetAsync(new Uri("api/monitor/health", UriKind.Relative));
            if (response.StatusCode == expected) return;
            Assert.True(DateTime.UtcNow < deadline, $"api/monitor/health stayed {response.StatusCode}, expected {expected}");
            await Task.Delay(50);
        }
    }
}
