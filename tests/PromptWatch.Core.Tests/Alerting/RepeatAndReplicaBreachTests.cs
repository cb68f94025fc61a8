using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// Firing alerts sent again to channels that forget them (Alertmanager), and metric breaches counted once per interval when
/// replicas sharing the store evaluate the same rule each on its own tick.
/// </summary>
public sealed class RepeatAndReplicaBreachTests
{
    private const string Gauge = "promptwatch.workspaces.alive";

    private static AlertRule GaugeRule(string name, int breaches = 1) => new()
    {
        Name = name,
        Severity = AlertSeverity.Error,
        Metric = new MetricCondition { Instrument = Gauge, Comparison = AlertComparison.Gt, Threshold = 5, ConsecutiveBreaches = breaches },
    };

    [Fact]
    public async Task A_firing_alert_is_sent_again_every_interval_to_a_repeating_channel_only_and_not_once_resolved()
    {
        var repeating = new RepeatingChannel("alertmanager", TimeSpan.FromMinutes(1));
        var plain = new RecordingChannel("slack");
        await using var harness = AlertEngineHarness.Create(channels: [repeating, plain]);
        await harness.Engine.SaveRuleAsync(GaugeRule("hot"));
        var series = harness.Series(Gauge);
        series.Add(10);

        await harness.TickAsync();
        await Eventually.TrueAsync(() => repeating.Sent.Count == 1 && plain.Sent.Count == 1, "the firing notifications");

        // Four ticks of 15 s: one minute after the firing, the alert is sent again (and only to the repeating channel).
        for (var i = 0; i < 4; i++) await harness.TickAsync();
        await Eventually.TrueAsync(() => repeating.Repeats == 1, "the first repeat");
        for (var i = 0; i < 4; i++) await harness.TickAsync();
        await Eventually.TrueAsync(() => repeating.Repeats == 2, "the second repeat");
        Assert.All(plain.Sent, static n => Assert.Equal(AlertNotificationKind.Firing, n.Kind));
        var repeat = repeating.Sent.Last();
        Assert.Equal(AlertState.Firing, Assert.Single(repeat.Alerts).State);

        // Repeats are not history: the history has the firing and nothing else for this channel.
        var history = await harness.NotificationHistoryAsync();
        Assert.Single(history, static e => e.Channel == "alertmanager");

        series.Add(-10);
        await harness.TickAsync();
        await Eventually.TrueAsync(() => repeating.Sent.Any(static n => n.Kind == AlertNotificationKind.Resolved), "the resolution");
        for (var i = 0; i < 8; i++) await harness.TickAsync();
        Assert.Equal(2, repeating.Repeats);
    }

    [Fact]
    public async Task A_silenced_alert_is_not_sent_again()
    {
        var repeating = new RepeatingChannel("alertmanager", TimeSpan.FromMinutes(1));
        await using var harness = AlertEngineHarness.Create(channels: [repeating]);
        await harness.Engine.SaveRuleAsync(GaugeRule("hot"));
        harness.Series(Gauge).Add(10);
        await harness.TickAsync();
        await Eventually.TrueAsync(() => repeating.Sent.Count == 1, "the firing notification");

        await harness.Engine.CreateSilenceAsync([new LabelMatcher("alertname", "hot")], null, harness.Time.GetUtcNow().AddHours(1), "ops", "maintenance");
        for (var i = 0; i < 8; i++) await harness.TickAsync();

        Assert.Equal(AlertState.Suppressed, Assert.Single(await harness.AlertsAsync("hot")).State);
        Assert.Equal(0, repeating.Repeats);
    }

    [Fact]
    public async Task Of_two_replicas_sharing_the_store_one_sends_each_repeat()
    {
        var first = new RepeatingChannel("alertmanager", TimeSpan.FromMinutes(1));
        var second = new RepeatingChannel("alertmanager", TimeSpan.FromMinutes(1));
        await using var a = AlertEngineHarness.Create(channels: [first]);
        await using var b = AlertEngineHarness.ReplicaOf(a, second);
        await a.Engine.SaveRuleAsync(GaugeRule("hot"));
        a.Series(Gauge).Add(10);
        b.Series(Gauge).Add(10);

        await a.TickAsync();
        await b.Engine.EvaluateAsync();
        for (var i = 0; i < 8; i++)
        {
            await a.TickAsync();
            await b.Engine.EvaluateAsync();
        }

        await Eventually.TrueAsync(() => first.Repeats + second.Repeats == 2, "two repeats in two minutes");
        Assert.Equal(1, first.Sent.Count(static n => n.Kind == AlertNotificationKind.Firing) + second.Sent.Count(static n => n.Kind == AlertNotificationKind.Firing));
    }

    [Fact]
    public async Task Replicas_ticking_within_one_interval_count_one_breach_not_two()
    {
        await using var a = AlertEngineHarness.Create();
        await using var b = AlertEngineHarness.ReplicaOf(a);
        await a.Engine.SaveRuleAsync(GaugeRule("slow_burn", breaches: 3));
        a.Series(Gauge).Add(10);
        b.Series(Gauge).Add(10);

        // Replica A ticks at 0 s, 15 s, 30 s; replica B 5 s after each of A's ticks.
        async Task RoundAsync()
        {
            await a.TickAsync(TimeSpan.FromSeconds(10));
            await b.TickAsync(TimeSpan.FromSeconds(5));
        }

        await RoundAsync();
        await RoundAsync();
        var pending = Assert.Single(await a.AlertsAsync("slow_burn"));
        Assert.Equal((AlertState.Pending, 2), (pending.State, pending.Breaches));

        await RoundAsync();
        var firing = Assert.Single(await b.AlertsAsync("slow_burn"));
        Assert.Equal((AlertState.Firing, 3), (firing.State, firing.Breaches));
    }

    [Fact]
    public async Task When_one_replica_stops_the_other_goes_on_counting_on_its_own_ticks()
    {
        await using var a = AlertEngineHarness.Create();
        await using var b = AlertEngineHarness.ReplicaOf(a);
        await a.Engine.SaveRuleAsync(GaugeRule("slow_burn", breaches: 3));
        a.Series(Gauge).Add(10);
        b.Series(Gauge).Add(10);

        await a.TickAsync(TimeSpan.FromSeconds(10));
        await b.TickAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, Assert.Single(await b.AlertsAsync("slow_burn")).Breaches);

        // Only B from now on: its first tick 20 s after A's breach counts, and so does each of its next ones.
        await b.TickAsync(TimeSpan.FromSeconds(15));
        await b.TickAsync(TimeSpan.FromSeconds(15));
        var firing = Assert.Single(await b.AlertsAsync("slow_burn"));
        Assert.Equal((AlertState.Firing, 3), (firing.State, firing.Breaches));
    }

    [Fact]
    public async Task One_engine_asked_to_evaluate_between_its_ticks_counts_every_evaluation()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("asked", breaches: 3));
        harness.Series(Gauge).Add(10);

        await harness.TickAsync(TimeSpan.FromSeconds(1));
        await harness.TickAsync(TimeSpan.FromSeconds(1));
        await harness.TickAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(AlertState.Firing, Assert.Single(await harness.AlertsAsync("asked")).State);
    }
}
