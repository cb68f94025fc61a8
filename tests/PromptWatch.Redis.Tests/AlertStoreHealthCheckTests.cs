using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.Redis.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary><c>AddRedisAlertStore()</c>'s health check, <c>promptwatch:alerting:redis</c>, on its own (no counters) and shaped by the host.</summary>
public sealed class AlertStoreHealthCheckTests
{
    [Fact]
    public async Task It_is_named_tagged_and_healthy_against_the_server_without_the_counter_store()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Watch(services).AddRedisAlertStore(o => o.KeyPrefix = "health:alerting:", c =>
        {
            c.Configuration = RedisTestServer.Configuration;
            c.ConnectTimeout = TimeSpan.FromSeconds(30);
            c.HealthCheckTimeout = TimeSpan.FromSeconds(30);
        });
        await using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        var registration = Assert.Single(registrations, static r => r.Name == "promptwatch:alerting:redis");
        Assert.Equal(["alerting", "promptwatch"], registration.Tags.Order());
        Assert.DoesNotContain(registrations, static r => r.Name == "promptwatch:counters:redis");

        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "promptwatch:alerting:redis")).Entries["promptwatch:alerting:redis"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("health:alerting:", entry.Data["key_prefix"]);
        Assert.Equal(RedisTestServer.Endpoint, entry.Data["endpoints"]);
    }

    [Fact]
    public async Task An_unreachable_server_fails_it_with_the_status_the_host_chose_saying_what_alerting_loses()
    {
        var port = SilentServer.ClosedPort();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = $"redis://:{RedisTestServer.Password}@127.0.0.1:{port}",
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:00.500",
            ["PromptWatch:Redis:HealthCheckTimeout"] = "00:00:10",
            ["PromptWatch:Alerting:Redis:HealthChecks:Name"] = "alert-state",
            ["PromptWatch:Alerting:Redis:HealthChecks:FailureStatus"] = "Degraded",
        }).Build());
        Watch(services).AddRedisAlertStore();
        await using var provider = services.BuildServiceProvider();

        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "alert-state")).Entries["alert-state"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.StartsWith($"Redis at 127.0.0.1:{port} cannot be used", entry.Description, StringComparison.Ordinal);
        Assert.EndsWith("alerts are not evaluated, changed or notified until it answers.", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(RedisTestServer.Password, entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_can_leave_it_out()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = "redis.example.com:6379",
            ["PromptWatch:Alerting:Redis:HealthChecks:Enabled"] = "false",
        }).Build());
        Watch(services).AddRedisAlertStore();
        using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.DoesNotContain(registrations, static r => r.Name.Contains("redis", StringComparison.Ordinal));
    }

    private static IPromptWatchBuilder Watch(IServiceCollection services) =>
        services.AddPromptWatch(o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" });
        });
}
