using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Storage;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// The claim a replica takes before opening a group's next alert: it lives one interval, so a replica that died between
/// its claim and its save holds the group back until the next tick only; and a claim got on a view older than the store
/// opens nothing when the store already holds the group's alert.
/// </summary>
public sealed class NewAlertClaimTests : IDisposable
{
    private const string Gauge = "promptwatch.workspaces.alive";
    private readonly TemporaryFolder _folder = new();

    private static readonly AlertRule Hot = new()
    {
        Name = "hot",
        Severity = AlertSeverity.Error,
        Metric = new MetricCondition { Instrument = Gauge, Comparison = AlertComparison.Gt, Threshold = 5 },
    };

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("memory")]
    [InlineData("file")]
    public async Task A_group_whose_claimant_died_before_saving_is_opened_by_another_replica_at_its_next_tick(string kind)
    {
        var time = new FakeTimeProvider(AlertEngineHarness.Start);
        var shared = Store(kind, time);
        try
        {
            var dying = new ScriptedAlertStore(shared) { FailNewAlerts = true };
            await using var a = AlertEngineHarness.On(dying, time);
            await using var b = AlertEngineHarness.On(shared, time);
            await a.Engine.SaveRuleAsync(Hot);
            a.Series(Gauge).Add(10);
            b.Series(Gauge).Add(10);

            // A claims the group's next alert and dies before the alert is saved.
            await Assert.ThrowsAsync<IOException>(() => a.TickAsync());
            Assert.Equal(1, dying.FailedNewAlerts);

            // While A's claim lives, B leaves the group to it.
            await b.TickAsync(TimeSpan.FromSeconds(5));
            Assert.Empty(await b.AlertsAsync("hot"));

            // One interval after the claim, B's tick opens the alert.
            await b.TickAsync(TimeSpan.FromSeconds(11));
            var alert = Assert.Single(await b.AlertsAsync("hot"));
            Assert.Equal(AlertState.Firing, alert.State);
            await Eventually.TrueAsync(() => b.Channel.Sent.Count == 1, "B's firing notification");
        }
        finally
        {
            if (shared is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_claim_got_on_an_old_view_after_the_openers_claim_expired_counts_on_the_stored_alert_instead_of_opening_another()
    {
        var time = new FakeTimeProvider(AlertEngineHarness.Start);
        var shared = new InMemoryAlertStore(time);
        var lagging = new ScriptedAlertStore(shared);
        await using var a = AlertEngineHarness.On(shared, time);
        await using var b = AlertEngineHarness.On(lagging, time);
        await a.Engine.SaveRuleAsync(Hot with { Metric = Hot.Metric! with { ConsecutiveBreaches = 3 } });
        a.Series(Gauge).Add(10);
        b.Series(Gauge).Add(10);
        var (version, before) = (await shared.GetVersionAsync(), await shared.GetAlertsAsync());

        await a.TickAsync();
        var opened = Assert.Single(await shared.GetAlertsAsync());

        // B reads the store as it was before A's alert (a slow read), and claims after A's claim has expired.
        lagging.LagOnce(version, before);
        await b.TickAsync(TimeSpan.FromSeconds(20));

        var alert = Assert.Single(await shared.GetAlertsAsync());
        Assert.Equal((opened.Id, 2), (alert.Id, alert.Breaches));
    }

    private IAlertStore Store(string kind, TimeProvider time) => kind switch
    {
        "memory" => new InMemoryAlertStore(time),
        _ => new FileAlertStore(_folder.Path, timeProvider: time),
    };
}
