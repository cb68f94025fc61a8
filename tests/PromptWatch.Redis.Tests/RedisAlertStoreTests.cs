using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.Counters;
using PromptWatch.Hosting;
using PromptWatch.Redis.Tests.Support;
using PromptWatch.Tests.Alerting;
using PromptWatch.Tests.Support;
using StackExchange.Redis;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// What only the Redis alert store does (the shared behaviour is <see cref="AlertStoreContract"/>): replicas on one
/// Redis share state and win each claim once, its keys, its failures without the password, and its registration.
/// </summary>
public sealed class RedisAlertStoreTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string WrongPassword = "wrong-password-8a1e77";

    [Fact]
    public async Task Two_hosts_on_one_redis_share_state_and_each_claim_is_won_once()
    {
        var prefix = RedisTestServer.UniquePrefix();
        await using var first = Host(prefix);
        await using var second = Host(prefix);
        var a = first.GetRequiredService<IAlertStore>();
        var b = second.GetRequiredService<IAlertStore>();
        Assert.IsType<RedisAlertStore>(a);
        Assert.NotSame(a, b);

        await a.SaveRuleAsync(AlertSamples.FullRule());
        var saved = (await a.TrySaveAlertAsync(AlertSamples.FullAlert()))!;
        await b.SaveSilenceAsync(AlertSamples.FullSilence());
        await b.AppendHistoryAsync([AlertSamples.FullEntry()]);
        Structural.Equal(new[] { AlertSamples.FullRule() }, await b.GetRulesAsync(), "rules");
        Structural.Equal(saved, await b.GetAlertAsync(saved.Id), "alert");
        Structural.Equal(new[] { AlertSamples.FullSilence() }, await a.GetSilencesAsync(), "silences");
        Structural.Equal(new[] { AlertSamples.FullEntry() }, await a.GetHistoryAsync(new AlertHistoryQuery()), "history");

        // Both replicas evaluate the same alert and try to save the next version; both try to send its notifications.
        var notifications = Enumerable.Range(0, 50).Select(static i => $"group:firing:{i}").ToList();
        var saves = await Task.WhenAll(new[] { a, b }.Select(store => Task.Run(async () => await store.TrySaveAlertAsync(saved with { Breaches = 9 }))));
        var claims = await Task.WhenAll(notifications.SelectMany(key => new[] { a, b }.Select(store => Task.Run(async () => (key, won: await store.TryClaimNotificationAsync(key, TimeSpan.FromHours(1)))))));

        Assert.Single(saves, static s => s is not null);
        Assert.Equal(2, (await a.GetAlertAsync(saved.Id))!.Version);
        foreach (var key in notifications) Assert.Single(claims, c => c.key == key && c.won);
    }

    [Fact]
    public async Task Its_keys_are_hashes_a_capped_list_and_claims_that_expire_under_the_prefix()
    {
        var prefix = RedisTestServer.UniquePrefix();
        await using var store = new RedisAlertStore(RedisTestServer.Options(), new RedisAlertStoreOptions { KeyPrefix = prefix, MaxHistory = 3 });
        await store.SaveRuleAsync(AlertSamples.BareRule());
        await store.TrySaveAlertAsync(AlertSamples.BareAlert());
        await store.SaveSilenceAsync(AlertSamples.FullSilence());
        await store.AppendHistoryAsync([.. Enumerable.Range(0, 5).Select(static i => AlertSamples.Entry("r", "a", AlertSamples.At, $"{i}"))]);
        await store.TryClaimNotificationAsync("group:firing:1", TimeSpan.FromMinutes(10));

        await using var raw = await RedisTestServer.ConnectRawAsync();
        var db = raw.GetDatabase();
        Assert.Equal(RedisType.Hash, await db.KeyTypeAsync(prefix + "rules"));
        Assert.Equal(RedisType.Hash, await db.KeyTypeAsync(prefix + "alerts"));
        Assert.Equal("1", (string?)await db.HashGetAsync(prefix + "alert-versions", AlertSamples.BareAlert().Id));
        Assert.Equal(RedisType.Hash, await db.KeyTypeAsync(prefix + "silences"));
        Assert.Equal(3, await db.ListLengthAsync(prefix + "history"));
        var ttl = await db.KeyTimeToLiveAsync(prefix + "claim:group:firing:1");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        Assert.Contains("\"severity\":\"warning\"", (string?)await db.HashGetAsync(prefix + "rules", "bare"), StringComparison.Ordinal);
        Assert.Equal(["4", "3", "2"], (await store.GetHistoryAsync(new AlertHistoryQuery())).Select(static e => e.Comment));
    }

    [Fact]
    public async Task A_value_that_is_not_alert_state_is_reported_with_its_key()
    {
        var prefix = RedisTestServer.UniquePrefix();
        await using var store = new RedisAlertStore(RedisTestServer.Options(), new RedisAlertStoreOptions { KeyPrefix = prefix });
        await using var raw = await RedisTestServer.ConnectRawAsync();
        await raw.GetDatabase().HashSetAsync(prefix + "rules", "other", "not json");

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.GetRulesAsync());

        Assert.Contains($"'{prefix}rules'", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.IsPermanent);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_refused_credentials_without_either_password()
    {
        var logs = new FakeLogCollector();
        var connection = RedisTestServer.Options();
        connection.Configuration = $"{RedisTestServer.Endpoint},password={WrongPassword}";
        connection.ConnectTimeout = TimeSpan.FromSeconds(5);
        await using var store = new RedisAlertStore(connection, logger: new FakeLogger<RedisAlertStore>(logs));

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.GetRulesAsync());
        var claim = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.TryClaimNotificationAsync("group:firing:1", TimeSpan.FromHours(1)));

        Assert.StartsWith($"Could not read alert rules in Redis at {RedisTestServer.Endpoint}: the server refused the credentials", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Could not claim notification 'group:firing:1' in Redis at {RedisTestServer.Endpoint}", claim.Message, StringComparison.Ordinal);
        new ConnectionFailureTests(output).AssertNoSecret(failure, logs, WrongPassword, RedisTestServer.Password);
        new ConnectionFailureTests(output).AssertNoSecret(claim, logs, WrongPassword, RedisTestServer.Password);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_as_such()
    {
        var port = SilentServer.ClosedPort();
        var connection = RedisTestServer.Options();
        connection.Configuration = $"127.0.0.1:{port},password={RedisTestServer.Password}";
        connection.ConnectTimeout = TimeSpan.FromSeconds(5);
        await using var store = new RedisAlertStore(connection);

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.TrySaveAlertAsync(AlertSamples.BareAlert()));

        Assert.StartsWith($"Could not save alert 'alert-bare' in Redis at 127.0.0.1:{port}: the server cannot be reached", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RedisTestServer.Password, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRedisAlertStore_replaces_the_default_store_shares_the_counter_connection_and_binds_its_section()
    {
        var prefix = RedisTestServer.UniquePrefix();
        await using var provider = Host(prefix, configure: static services =>
        {
            services.AddSingleton<IAlertStore>(new InMemoryAlertStore());
            services.AddPromptWatch().AddRedisCounters().AddRedisAlertStore();
            // What the engine's registration does after it.
            services.TryAddSingleton<IAlertStore, InMemoryAlertStore>();
        });

        var store = Assert.IsType<RedisAlertStore>(Assert.Single(provider.GetServices<IAlertStore>()));
        Assert.Same(store, provider.GetRequiredService<RedisAlertStore>());
        Assert.Equal(prefix + "alerting:", store.KeyPrefix);
        Assert.Equal(25, provider.GetRequiredService<IOptions<RedisAlertStoreOptions>>().Value.MaxHistory);
        Assert.IsType<RedisCounterStore>(provider.GetRequiredService<ICounterStore>());
        Assert.Single(provider.GetServices<RedisConnection>());
        await store.SaveRuleAsync(AlertSamples.BareRule());
        Assert.Single(await store.GetRulesAsync());
    }

    [Fact]
    public async Task A_host_with_invalid_alert_store_options_does_not_start_and_names_the_settings()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = RedisTestServer.Configuration,
            ["PromptWatch:Alerting:Redis:KeyPrefix"] = string.Empty,
            ["PromptWatch:Alerting:Redis:MaxHistory"] = "0",
        });
        builder.Services.AddPromptWatch(static o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" });
        }).AddRedisAlertStore();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PromptWatch:Alerting:Redis:KeyPrefix is empty", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PromptWatch:Alerting:Redis:MaxHistory must be between 1 and 1000000 (it is 0).", failure.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RedisAlertStore(RedisTestServer.Options(), new RedisAlertStoreOptions { KeyPrefix = string.Empty }));
    }

    [Fact]
    public async Task A_host_without_a_redis_configuration_does_not_start_and_says_which_setting_to_fix()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPromptWatch(static o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" });
        }).AddRedisAlertStore();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PromptWatch:Redis:Configuration is not set.", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A host's services as <c>AddPromptWatch().AddRedisAlertStore()</c> makes them, configured through configuration.</summary>
    private static ServiceProvider Host(string prefix, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = $"redis://:{Uri.EscapeDataString(RedisTestServer.Password)}@{RedisTestServer.Endpoint}",
            ["PromptWatch:Redis:KeyPrefix"] = prefix,
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:30",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:30",
            ["PromptWatch:Alerting:Redis:KeyPrefix"] = prefix + "alerting:",
            ["PromptWatch:Alerting:Redis:MaxHistory"] = "25",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        if (configure is null) services.AddPromptWatch().AddRedisAlertStore();
        else configure(services);
        return services.BuildServiceProvider();
    }
}
