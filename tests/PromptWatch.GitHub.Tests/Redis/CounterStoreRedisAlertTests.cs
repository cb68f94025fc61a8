using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.GitHub.Tests.Support;
using PromptWatch.Hosting;

namespace PromptWatch.GitHub.Tests.Redis;

/// <summary>A real Redis stopped under the webhook processing: <c>counter_store_failing</c> (store <c>redis</c>) fires, and resolves once Redis is back.</summary>
public sealed class CounterStoreRedisAlertTests : IClassFixture<OwnRedisServer>
{
    private readonly OwnRedisServer _redis;

    public CounterStoreRedisAlertTests(OwnRedisServer redis)
    {
        _redis = redis;
    }

    [Fact]
    public async Task Redis_down_fires_counter_store_failing_and_Redis_back_resolves_it()
    {
        await using var host = await GitHubHost.StartAsync(
            o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(250),
            services => services.AddPromptWatch().AddRedisCounters(o =>
            {
                o.Configuration = _redis.Configuration;
                o.KeyPrefix = $"promptwatch-tests:{Guid.NewGuid():N}:";
                o.ConnectTimeout = TimeSpan.FromSeconds(15);
                o.OperationTimeout = TimeSpan.FromSeconds(15);
                o.HealthCheckTimeout = TimeSpan.FromSeconds(15);
            }));
        var manager = host.Services.GetRequiredService<IAlertManager>();
        await PostAsync(host, "c1");
        await host.WaitProcessedAsync(1);
        Assert.Empty(await manager.GetAlertsAsync(new AlertQuery(Rule: "counter_store_failing")));

        await _redis.StopAsync();
        await PostAsync(host, "c2");
        var firing = Assert.Single(await AlertWait.ForAsync(manager, AlertState.Firing, "counter_store_failing", 1));
        Assert.Equal("redis", firing.Labels["store"]);
        Assert.DoesNotContain(_redis.Password, firing.Summary, StringComparison.Ordinal);

        await _redis.StartAsync();
        await host.WaitProcessedAsync(2, TimeSpan.FromSeconds(60));
        var resolved = Assert.Single(await AlertWait.ForAsync(manager, AlertState.Resolved, "counter_store_failing", 1));
        Assert.Equal(AlertResolutionReason.Cleared, resolved.Resolution!.Reason);
        Assert.Empty(await manager.GetAlertsAsync(new AlertQuery(State: AlertState.Firing, Rule: "counter_store_failing")));
    }

    private static async Task PostAsync(GitHubHost host, string commit)
    {
        using var response = await host.PostAsync("push", Payloads.Push("main", "octo/app", (commit, [], ["README.md"])));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
