using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Storage;
using PromptWatch.Tests.Alerting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// What every <see cref="IAlertStore"/> does, run with the same expectations against the in-memory store (the
/// reference), the file store and the Redis store. Claim expiry follows the store's clock: the in-memory and file
/// stores' is moved by the test; Redis's is the server's, so its lifetime is long enough that a stalled machine does not
/// cross it before the test means to, and the wait after it can only be longer than asked.
/// </summary>
public abstract class AlertStoreContract : IAsyncLifetime
{
    private IAlertStore? _store;

    /// <summary>The store under test, new (and empty) for each test.</summary>
    protected IAlertStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>The most history entries the store keeps.</summary>
    protected virtual int MaxHistory => InMemoryAlertStore.MaxHistory;

    /// <summary>The lifetime the claim tests give claims.</summary>
    protected abstract TimeSpan Lifetime { get; }

    /// <summary>How much later than a lifetime's end the test looks for it to have ended.</summary>
    protected abstract TimeSpan Margin { get; }

    /// <summary>Makes an empty store.</summary>
    protected abstract IAlertStore CreateStore();

    /// <summary>Lets at least <paramref name="time"/> pass on the store's clock.</summary>
    protected abstract Task PassAsync(TimeSpan time);

    public virtual Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    [Fact]
    public async Task Rules_are_saved_replaced_by_name_listed_by_name_and_deleted()
    {
        Assert.Empty(await Store.GetRulesAsync());
        await Store.SaveRuleAsync(AlertSamples.BareRule("zeta"));
        await Store.SaveRuleAsync(AlertSamples.BareRule("alpha"));
        await Store.SaveRuleAsync(AlertSamples.BareRule("alpha") with { Description = "replaced" });

        var rules = await Store.GetRulesAsync();

        Assert.Equal(["alpha", "zeta"], rules.Select(static r => r.Name));
        Assert.Equal("replaced", rules[0].Description);
        Assert.True(await Store.DeleteRuleAsync("alpha"));
        Assert.False(await Store.DeleteRuleAsync("alpha"));
        Assert.False(await Store.DeleteRuleAsync("never-saved"));
        Assert.Equal(["zeta"], (await Store.GetRulesAsync()).Select(static r => r.Name));
    }

    [Fact]
    public async Task A_rule_comes_back_with_every_field_and_a_bare_one_with_its_defaults()
    {
        var full = AlertSamples.FullRule();
        Structural.AllSet(full, "rule");
        var bare = AlertSamples.BareRule();
        await Store.SaveRuleAsync(full);
        await Store.SaveRuleAsync(bare);

        var rules = (await Store.GetRulesAsync()).ToDictionary(static r => r.Name);

        Structural.Equal(full, rules[full.Name], "rule");
        Structural.Equal(bare, rules[bare.Name], "bare");
        Assert.Null(rules[bare.Name].Cooldown);
        Assert.Null(rules[bare.Name].Metric);
        Assert.Null(rules[bare.Name].Event!.GroupBy);
        Assert.True(rules[bare.Name].Enabled);
    }

    [Fact]
    public async Task A_new_alert_must_be_version_zero_and_is_stored_as_version_one()
    {
        var alert = AlertSamples.BareAlert();

        Assert.Null(await Store.TrySaveAlertAsync(alert with { Version = 1 }));
        Assert.Null(await Store.GetAlertAsync(alert.Id));
        var saved = await Store.TrySaveAlertAsync(alert);

        Assert.NotNull(saved);
        Assert.Equal(1, saved.Version);
        Assert.Equal(1, (await Store.GetAlertAsync(alert.Id))!.Version);
        Assert.Null(await Store.TrySaveAlertAsync(alert));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_leaves_the_stored_alert_as_it_was()
    {
        var first = (await Store.TrySaveAlertAsync(AlertSamples.BareAlert()))!;
        var second = (await Store.TrySaveAlertAsync(first with { Breaches = 2 }))!;
        Assert.Equal(2, second.Version);

        Assert.Null(await Store.TrySaveAlertAsync(first with { Breaches = 99 }));

        var stored = (await Store.GetAlertAsync(first.Id))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(2, stored.Breaches);
        Assert.Equal(3, (await Store.TrySaveAlertAsync(stored with { Breaches = 3 }))!.Version);
    }

    [Fact]
    public async Task Of_concurrent_savers_of_one_version_exactly_one_wins()
    {
        var read = (await Store.TrySaveAlertAsync(AlertSamples.BareAlert()))!;
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(1, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await Store.TrySaveAlertAsync(read with { Breaches = i });
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, static r => r is not null)!;
        Assert.Equal(2, winner.Version);
        var stored = (await Store.GetAlertAsync(read.Id))!;
        Assert.Equal(winner.Breaches, stored.Breaches);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task An_alert_comes_back_with_every_field_and_a_bare_one_with_its_nulls()
    {
        var full = AlertSamples.FullAlert();
        Structural.AllSet(full, "alert", nameof(Alert.Version));
        var bare = AlertSamples.BareAlert();
        await Store.TrySaveAlertAsync(full);
        await Store.TrySaveAlertAsync(bare);

        Structural.Equal(full with { Version = 1 }, await Store.GetAlertAsync(full.Id), "alert");
        var read = (await Store.GetAlertAsync(bare.Id))!;
        Structural.Equal(bare with { Version = 1 }, read, "bare");
        Assert.Null(read.Value);
        Assert.Null(read.Url);
        Assert.Null(read.FiredAt);
        Assert.Null(read.Acknowledgement);
        Assert.Null(read.Resolution);
        Assert.Null(read.SilencedBy);
        Assert.Null(await Store.GetAlertAsync("unknown"));
    }

    [Fact]
    public async Task An_acknowledgement_and_a_resolution_without_their_optional_parts_come_back_with_nulls()
    {
        var alert = AlertSamples.BareAlert() with
        {
            Acknowledgement = new AlertAcknowledgement("ada", AlertSamples.At, null),
            Resolution = new AlertResolution(AlertResolutionReason.Manual, AlertSamples.At, null, null),
        };
        await Store.TrySaveAlertAsync(alert);

        Structural.Equal(alert with { Version = 1 }, await Store.GetAlertAsync(alert.Id), "alert");
        Structural.Equal(new[] { alert with { Version = 1 } }, await Store.GetAlertsAsync(), "alerts");
    }

    [Fact]
    public async Task Alerts_are_listed_by_start_then_id()
    {
        await Store.TrySaveAlertAsync(AlertSamples.BareAlert("b") with { StartsAt = AlertSamples.At });
        await Store.TrySaveAlertAsync(AlertSamples.BareAlert("c") with { StartsAt = AlertSamples.At.AddMinutes(-1) });
        await Store.TrySaveAlertAsync(AlertSamples.BareAlert("a") with { StartsAt = AlertSamples.At });

        Assert.Equal(["c", "a", "b"], (await Store.GetAlertsAsync()).Select(static a => a.Id));
    }

    [Fact]
    public async Task Pruning_deletes_only_alerts_resolved_before_the_cut_off()
    {
        var cutOff = AlertSamples.At;
        await Store.TrySaveAlertAsync(Resolved("old", cutOff.AddSeconds(-1)));
        await Store.TrySaveAlertAsync(Resolved("at-cut-off", cutOff));
        await Store.TrySaveAlertAsync(Resolved("recent", cutOff.AddHours(1)));
        await Store.TrySaveAlertAsync(AlertSamples.BareAlert("firing") with { State = AlertState.Firing });
        // Not resolved, though it carries an old resolution: it was reopened.
        await Store.TrySaveAlertAsync(Resolved("reopened", cutOff.AddDays(-1)) with { State = AlertState.Firing });

        Assert.Equal(1, await Store.PruneAlertsAsync(cutOff));

        Assert.Equal(["at-cut-off", "firing", "recent", "reopened"], (await Store.GetAlertsAsync()).Select(static a => a.Id).Order(StringComparer.Ordinal));
        Assert.Null(await Store.GetAlertAsync("old"));
        Assert.Equal(0, await Store.PruneAlertsAsync(cutOff));
        // A pruned id starts again from version 0.
        Assert.Equal(1, (await Store.TrySaveAlertAsync(AlertSamples.BareAlert("old")))!.Version);
    }

    [Fact]
    public async Task Silences_are_saved_replaced_by_id_listed_by_start_and_come_back_with_every_field()
    {
        var full = AlertSamples.FullSilence("s-late") with { StartsAt = AlertSamples.At.AddHours(1) };
        Structural.AllSet(full, "silence");
        await Store.SaveSilenceAsync(full);
        await Store.SaveSilenceAsync(AlertSamples.FullSilence("s-early") with { Comment = "first" });
        var expired = AlertSamples.FullSilence("s-early") with { EndsAt = AlertSamples.At, Comment = string.Empty };
        await Store.SaveSilenceAsync(expired);

        var silences = await Store.GetSilencesAsync();

        Assert.Equal(["s-early", "s-late"], silences.Select(static s => s.Id));
        Structural.Equal(expired, silences[0], "expired");
        Structural.Equal(full, silences[1], "silence");
    }

    [Fact]
    public async Task History_reads_newest_first_within_and_across_appends_and_keeps_every_field()
    {
        var full = AlertSamples.FullEntry();
        Structural.AllSet(full, "entry");
        await Store.AppendHistoryAsync([AlertSamples.Entry("r", "a", AlertSamples.At, "1"), AlertSamples.Entry("r", "a", AlertSamples.At, "2")]);
        await Store.AppendHistoryAsync([]);
        await Store.AppendHistoryAsync([full, AlertSamples.Entry("r", "a", AlertSamples.At, "4")]);

        var history = await Store.GetHistoryAsync(new AlertHistoryQuery(Limit: 10));

        Assert.Equal(["4", "ack", "2", "1"], history.Select(static e => e.Comment));
        Structural.Equal(full, history[1], "entry");
        Assert.Null(history[0].Channel);
        Assert.Null(history[0].From);
    }

    [Fact]
    public async Task History_filters_by_rule_alert_and_time_and_stops_at_the_limit()
    {
        var at = AlertSamples.At;
        await Store.AppendHistoryAsync(
        [
            AlertSamples.Entry("cpu", "cpu-1", at, "cpu-1 old"),
            AlertSamples.Entry("disk", "disk-1", at.AddMinutes(1), "disk-1"),
            AlertSamples.Entry("cpu", "cpu-2", at.AddMinutes(2), "cpu-2"),
            AlertSamples.Entry("cpu", "cpu-1", at.AddMinutes(3), "cpu-1 new"),
        ]);

        Assert.Equal(["cpu-1 new", "cpu-2", "cpu-1 old"], Comments(await Store.GetHistoryAsync(new AlertHistoryQuery(Rule: "cpu"))));
        Assert.Equal(["cpu-1 new", "cpu-1 old"], Comments(await Store.GetHistoryAsync(new AlertHistoryQuery(AlertId: "cpu-1"))));
        Assert.Equal(["cpu-1 new", "cpu-2", "disk-1"], Comments(await Store.GetHistoryAsync(new AlertHistoryQuery(Since: at.AddMinutes(1)))));
        Assert.Equal(["cpu-1 new"], Comments(await Store.GetHistoryAsync(new AlertHistoryQuery(Limit: 1, Rule: "cpu", Since: at.AddMinutes(1)))));
        Assert.Equal(["cpu-1 new", "cpu-2"], Comments(await Store.GetHistoryAsync(new AlertHistoryQuery(Limit: 2))));
        Assert.Empty(await Store.GetHistoryAsync(new AlertHistoryQuery(Limit: 0)));
        Assert.Empty(await Store.GetHistoryAsync(new AlertHistoryQuery(Rule: "memory")));
    }

    [Fact]
    public async Task History_keeps_the_newest_entries_up_to_its_cap()
    {
        var total = MaxHistory + 7;
        var entries = Enumerable.Range(0, total).Select(i => AlertSamples.Entry("r", "a", AlertSamples.At.AddSeconds(i), i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        // In a few batches, the last of which crosses the cap.
        await Store.AppendHistoryAsync(entries[..(MaxHistory - 3)]);
        await Store.AppendHistoryAsync(entries[(MaxHistory - 3)..(MaxHistory + 1)]);
        await Store.AppendHistoryAsync(entries[(MaxHistory + 1)..]);

        var history = await Store.GetHistoryAsync(new AlertHistoryQuery(Limit: int.MaxValue));

        Assert.Equal(MaxHistory, history.Count);
        Assert.Equal((total - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), history[0].Comment);
        Assert.Equal("7", history[^1].Comment);
    }

    [Fact]
    public async Task A_claim_is_won_by_the_first_caller_only_until_it_expires()
    {
        Assert.True(await Store.TryClaimNotificationAsync("group-1:firing:1", Lifetime));
        Assert.False(await Store.TryClaimNotificationAsync("group-1:firing:1", Lifetime));
        Assert.True(await Store.TryClaimNotificationAsync("group-1:resolved:1", Lifetime));

        await PassAsync(Lifetime / 2);
        Assert.False(await Store.TryClaimNotificationAsync("group-1:firing:1", Lifetime));

        await PassAsync((Lifetime / 2) + Margin);
        Assert.True(await Store.TryClaimNotificationAsync("group-1:firing:1", Lifetime));
        Assert.False(await Store.TryClaimNotificationAsync("group-1:firing:1", Lifetime));
    }

    [Fact]
    public async Task Of_concurrent_claimers_exactly_one_wins()
    {
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await Store.TryClaimNotificationAsync("group-2:firing:1", TimeSpan.FromHours(1));
        })).ToList();
        start.Set();

        Assert.Single(await Task.WhenAll(attempts), static won => won);
    }

    [Fact]
    public async Task A_cancelled_call_throws_and_stores_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.SaveRuleAsync(AlertSamples.BareRule(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.TrySaveAlertAsync(AlertSamples.BareAlert(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.TryClaimNotificationAsync("k", TimeSpan.FromHours(1), cancelled.Token));

        Assert.Empty(await Store.GetRulesAsync());
        Assert.Empty(await Store.GetAlertsAsync());
        Assert.True(await Store.TryClaimNotificationAsync("k", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task The_version_moves_with_every_change_of_rules_alerts_and_silences_and_stays_with_reads_history_claims_and_refused_writes()
    {
        var versions = new List<long>();
        async Task Read() => versions.Add(await Store.GetVersionAsync() ?? throw new InvalidOperationException("The store keeps no version."));

        await Read();
        await Store.SaveRuleAsync(AlertSamples.BareRule());
        await Read();
        Assert.True(await Store.DeleteRuleAsync(AlertSamples.BareRule().Name));
        await Read();
        var saved = (await Store.TrySaveAlertAsync(AlertSamples.BareAlert()))!;
        await Read();
        Assert.NotNull(await Store.TrySaveAlertAsync(saved with { Summary = "again" }));
        await Read();
        await Store.SaveSilenceAsync(AlertSamples.FullSilence());
        await Read();
        await Store.TrySaveAlertAsync(Resolved("old", AlertSamples.At.AddDays(-2)));
        await Read();
        Assert.Equal(1, await Store.PruneAlertsAsync(AlertSamples.At.AddDays(-1)));
        await Read();
        Assert.Equal(versions.Count, versions.Distinct().Count());

        // Reads, history, claims and writes that change nothing leave it.
        var last = versions[^1];
        await Store.GetRulesAsync();
        await Store.GetAlertsAsync();
        await Store.GetSilencesAsync();
        await Store.AppendHistoryAsync([AlertSamples.FullEntry()]);
        Assert.True(await Store.TryClaimNotificationAsync("version-claim", Lifetime));
        Assert.Null(await Store.TrySaveAlertAsync(saved));
        Assert.False(await Store.DeleteRuleAsync("never-saved"));
        Assert.Equal(0, await Store.PruneAlertsAsync(AlertSamples.At.AddDays(-1)));
        Assert.Equal(last, await Store.GetVersionAsync());
    }

    private static Alert Resolved(string id, DateTimeOffset at) =>
        AlertSamples.BareAlert(id) with { State = AlertState.Resolved, Resolution = new AlertResolution(AlertResolutionReason.Cleared, at, null, null) };

    private static IEnumerable<string?> Comments(IReadOnlyList<AlertHistoryEntry> entries) => entries.Select(static e => e.Comment);
}

/// <summary>The contract against the in-memory store, the reference semantics.</summary>
public sealed class InMemoryAlertStoreContractTests : AlertStoreContract
{
    private readonly FakeTimeProvider _clock = new(AlertSamples.At);

    protected override TimeSpan Lifetime => TimeSpan.FromMinutes(5);

    protected override TimeSpan Margin => TimeSpan.Zero;

    protected override IAlertStore CreateStore() => new InMemoryAlertStore(_clock);

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

/// <summary>The contract against the file store in a folder of its own.</summary>
public sealed class FileAlertStoreContractTests : AlertStoreContract, IDisposable
{
    private readonly FakeTimeProvider _clock = new(AlertSamples.At);
    private readonly TemporaryFolder _folder = new();

    protected override TimeSpan Lifetime => TimeSpan.FromMinutes(5);

    protected override TimeSpan Margin => TimeSpan.Zero;

    protected override IAlertStore CreateStore() => new FileAlertStore(_folder.Path, timeProvider: _clock);

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>The contract against the Redis store on the real server, each test under a key prefix of its own.</summary>
public sealed class RedisAlertStoreContractTests : AlertStoreContract
{
    // A stall of up to four seconds between two calls the test means to fall within half a lifetime keeps them there.
    protected override TimeSpan Lifetime => TimeSpan.FromSeconds(10);

    protected override TimeSpan Margin => TimeSpan.FromMilliseconds(250);

    protected override IAlertStore CreateStore() =>
        new RedisAlertStore(Support.RedisTestServer.Options(), new RedisAlertStoreOptions { KeyPrefix = Support.RedisTestServer.UniquePrefix() });

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);
}
