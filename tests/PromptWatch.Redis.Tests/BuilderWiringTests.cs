using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromptWatch.Counters;
using PromptWatch.Hosting;
using PromptWatch.Redis.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary><c>AddRedisCounters()</c> in a host: the registration it replaces, its health check, starting while Redis is down, validation on start.</summary>
public sealed class BuilderWiringTests
{
    [Fact]
    public async Task It_replaces_an_earlier_counter_store_and_later_defaults_do_not_replace_it()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ICounterStore>(new InMemoryCounterStore());
        var builder = Watch(services).AddRedisCounters(o => o.Configuration = RedisTestServer.Configuration);
        // What an integration that wants a default does after it.
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<ICounterStore>(builder.Services, new InMemoryCounterStore());

        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<RedisCounterStore>(provider.GetRequiredService<ICounterStore>());
        Assert.Same(store, provider.GetRequiredService<RedisCounterStore>());
        Assert.Single(provider.GetServices<ICounterStore>());
        Assert.Equal("promptwatch:", provider.GetRequiredService<IOptions<RedisCounterStoreOptions>>().Value.KeyPrefix);
    }

    [Fact]
    public async Task Its_health_check_is_named_tagged_and_healthy_against_the_server()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // A first PING on a busy machine can take a second (connection and JIT); Degraded starts at half the timeout.
        Watch(services).AddRedisCounters(o =>
        {
            o.Configuration = RedisTestServer.Configuration;
            o.ConnectTimeout = TimeSpan.FromSeconds(30);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(30);
        }).AddRedisCounters();
        await using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        var registration = Assert.Single(registrations, static r => r.Name == "promptwatch:counters:redis");
        Assert.Equal(["counters", "promptwatch"], registration.Tags.Order());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis");
        var entry = report.Entries["promptwatch:counters:redis"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains(RedisTestServer.Endpoint, entry.Description, StringComparison.Ordinal);
        Assert.Equal(RedisTestServer.Endpoint, entry.Data["endpoints"]);
    }

    [Fact]
    public async Task A_host_starts_while_redis_is_down_and_health_says_why()
    {
        var port = SilentServer.ClosedPort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PromptWatch:Redis:Configuration"] = $"redis://:{RedisTestServer.Password}@127.0.0.1:{port}" });
        Watch(builder.Services).AddRedisCounters(o =>
        {
            o.ConnectTimeout = TimeSpan.FromMilliseconds(500);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(10);
        });
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "promptwatch:counters:redis");
            var entry = report.Entries["promptwatch:counters:redis"];
            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.StartsWith($"Redis at 127.0.0.1:{port} cannot be used: the server cannot be reached", entry.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(RedisTestServer.Password, entry.Description, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PromptWatchException>(async () => await host.Services.GetRequiredService<ICounterStore>().IncrementAsync("commits"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Its_health_check_takes_the_name_tags_and_failure_status_the_host_sets()
    {
        var port = SilentServer.ClosedPort();
        var services = new ServiceCollection();
        services.AddLogging();
        Watch(services).AddRedisCounters(o =>
        {
            o.Configuration = $"redis://:{RedisTestServer.Password}@127.0.0.1:{port}";
            o.ConnectTimeout = TimeSpan.FromMilliseconds(500);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(10);
            o.HealthChecks.Name = "counters";
            o.HealthChecks.Tags = ["live", "redis"];
            o.HealthChecks.FailureStatus = HealthStatus.Degraded;
        });
        await using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.DoesNotContain(registrations, static r => r.Name == "promptwatch:counters:redis");
        var registration = Assert.Single(registrations, static r => r.Name == "counters");
        Assert.Equal(["live", "redis"], registration.Tags.Order());
        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(static r => r.Name == "counters")).Entries["counters"];
        // Redis cannot be reached: the check fails with the status the host chose.
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.StartsWith($"Redis at 127.0.0.1:{port} cannot be used", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_health_check_is_left_out_when_configuration_turns_it_off()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = "redis.example.com:6379",
            ["PromptWatch:Redis:HealthChecks:Enabled"] = "false",
        }).Build());
        Watch(services).AddRedisCounters();
        using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.DoesNotContain(registrations, static r => r.Name.Contains("redis", StringComparison.Ordinal));
        Assert.Equal(["promptwatch:unused"], registrations.Select(static r => r.Name));
    }

    [Fact]
    public async Task A_host_without_a_redis_configuration_does_not_start_and_says_which_setting_to_fix()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Watch(builder.Services).AddRedisCounters();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PromptWatch:Redis:Configuration is not set.", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>PromptWatch with a repository that is never scanned in these tests (it satisfies AddPromptWatch's validation).</summary>
    private static IPromptWatchBuilder Watch(IServiceCollection services) =>
        services.AddPromptWatch(o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" });
        });
}
