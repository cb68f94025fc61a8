using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

/// <summary>The engine reads rules, alerts and silences again only when the store's version moved (every time when it keeps none).</summary>
public sealed class VersionedReadTests
{
    private static readonly AlertRule Quiet = new()
    {
        Name = "quiet",
        Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", Comparison = AlertComparison.Gt, Threshold = 5 },
    };

    [Fact]
    public async Task Ticks_over_an_unchanged_store_read_its_version_only_and_a_change_is_read_at_the_next_tick()
    {
        var time = new FakeTimeProvider(AlertEngineHarness.Start);
        var store = new ScriptedAlertStore(new InMemoryAlertStore(time));
        await using var harness = AlertEngineHarness.On(store, time);
        await harness.Engine.SaveRuleAsync(Quiet);
        await harness.TickAsync();
        var (rules, alerts, silences) = (store.RuleReads, store.AlertReads, store.SilenceReads);

        for (var i = 0; i < 5; i++) await harness.TickAsync();

        Assert.Equal((rules, alerts, silences), (store.RuleReads, store.AlertReads, store.SilenceReads));

        // Another replica's change (straight into the store) is read at the next tick.
        await store.TrySaveAlertAsync(new Alert { Id = "elsewhere", Rule = "quiet", State = AlertState.Firing, Labels = new Dictionary<string, string> { ["alertname"] = "quiet", ["host"] = "b" }, Summary = "s", StartsAt = time.GetUtcNow(), LastBreachAt = time.GetUtcNow(), Breaches = 1 });
        await harness.TickAsync();
        Assert.Equal(alerts + 1, store.AlertReads);
    }

    [Fact]
    public async Task A_store_that_keeps_no_version_is_read_on_every_tick()
    {
        var time = new FakeTimeProvider(AlertEngineHarness.Start);
        var store = new ScriptedAlertStore(new InMemoryAlertStore(time)) { WithoutVersion = true };
        await using var harness = AlertEngineHarness.On(store, time);
        await harness.Engine.SaveRuleAsync(Quiet);
        await harness.TickAsync();
        var alerts = store.AlertReads;

        for (var i = 0; i < 3; i++) await harness.TickAsync();

        Assert.Equal(alerts + 3, store.AlertReads);
    }
}
