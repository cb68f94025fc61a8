using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PromptWatch.Alerting;
using PromptWatch.Hosting;
using PromptWatch.Redis.Tests.Support;
using PromptWatch.Tests.Alerting;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// Two hosts on one real Redis: the first claims a group's next alert and dies before saving it; the second opens the
/// alert about one interval later, not after the five minutes a claim used to live.
/// </summary>
public sealed class DeadReplicaClaimTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Both hosts run in this process, so both engines read this instrument; the run's own attribute keeps other tests out.
    private readonly Meter _meter = new("PromptWatch.Tests.DeadReplicaClaim");
    private readonly string _run = Guid.NewGuid().ToString("N");
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    public DeadReplicaClaimTests()
    {
        _meter.CreateObservableGauge("promptwatch.workspaces.alive", () => new Measurement<double>(10, new KeyValuePair<string, object?>("e2e.run", _run)));
    }

    public void Dispose() => _meter.Dispose();

    [Fact]
    public async Task A_group_whose_claimant_died_before_saving_is_opened_by_the_other_host_within_an_interval_or_two()
    {
        ScriptedAlertStore? dying = null;
        var first = await StartHostAsync(services => services.Replace(ServiceDescriptor.Singleton<IAlertStore>(provider => dying = new ScriptedAlertStore(provider.GetRequiredService<RedisAlertStore>()) { FailNewAlerts = true })));
        try
        {
            await first.Services.GetRequiredService<IAlertManager>().SaveRuleAsync(new AlertRule
            {
                Name = "workspaces-high",
                Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", Filter = new Dictionary<string, string> { ["e2e.run"] = _run }, Comparison = AlertComparison.Gt, Threshold = 5 },
            });
            await WaitUntilAsync("the first host claimed the group and failed to save its alert", () => Task.FromResult(dying is { FailedNewAlerts: > 0 }));
        }
        finally
        {
            await first.StopAsync();
            first.Dispose();
        }

        using var second = await StartHostAsync(null);
        try
        {
            var manager = second.Services.GetRequiredService<IAlertManager>();
            await WaitUntilAsync("the second host opened the alert", async () => (await manager.GetAlertsAsync(new AlertQuery(Rule: "workspaces-high"))).Count == 1);
            Assert.Equal(AlertState.Firing, Assert.Single(await manager.GetAlertsAsync(new AlertQuery(Rule: "workspaces-high"))).State);
        }
        finally
        {
            await second.StopAsync();
        }
    }

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Not within {Patience}: {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A host as a replica runs: the engine (every second, no default rules) and the Redis store.</summary>
    private async Task<IHost> StartHostAsync(Action<IServiceCollection>? changeServices)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = $"redis://:{Uri.EscapeDataString(RedisTestServer.Password)}@{RedisTestServer.Endpoint}",
            ["PromptWatch:Redis:KeyPrefix"] = _prefix,
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:30",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:30",
            ["PromptWatch:Alerting:Redis:KeyPrefix"] = _prefix + "alerting:",
            ["PromptWatch:Alerting:EvaluationInterval"] = "00:00:01",
            ["PromptWatch:Alerting:DefaultRules"] = "false",
        });
        var promptWatch = builder.Services.AddPromptWatch(static o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" });
        });
        promptWatch.AddAlerting();
        promptWatch.AddRedisAlertStore();
        changeServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
