using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

public sealed class MetricRuleLifecycleTests
{
    private const string Gauge = "promptwatch.workspaces.alive";
    private const string Errors = "promptwatch.scan.errors";

    private static AlertRule GaugeRule(string name, int breaches = 1, TimeSpan? holdFor = null) => new()
    {
        Name = name,
        Severity = AlertSeverity.Error,
        Metric = new MetricCondition { Instrument = Gauge, Comparison = AlertComparison.Gt, Threshold = 5, ConsecutiveBreaches = breaches, For = holdFor },
    };

    [Fact]
    public async Task Fires_after_the_consecutive_breaches_and_resolves_when_the_condition_clears()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("too_many", breaches: 2));
        var series = harness.Series(Gauge);
        series.Add(10);

        await harness.TickAsync();
        Assert.Equal(AlertState.Pending, Assert.Single(await harness.AlertsAsync("too_many")).State);
        Assert.Empty(harness.Channel.Sent);

        await harness.TickAsync();
        var firing = Assert.Single(await harness.AlertsAsync("too_many"));
        Assert.Equal(AlertState.Firing, firing.State);
        Assert.Equal(10, firing.Value);
        Assert.Equal("too_many", firing.Labels["alertname"]);
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 1, "the firing notification");
        Assert.Equal(AlertNotificationKind.Firing, harness.Channel.Sent.Single().Kind);

        series.Add(-10);
        await harness.TickAsync();
        var resolved = Assert.Single(await harness.AlertsAsync("too_many"));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal(AlertResolutionReason.Cleared, resolved.Resolution!.Reason);
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 2, "the resolved notification");
        Assert.Equal(AlertNotificationKind.Resolved, harness.Channel.Sent.Last().Kind);

        var transitions = (await harness.Engine.GetHistoryAsync(new AlertHistoryQuery(AlertId: firing.Id)))
            .Where(e => e.Kind == AlertHistoryKind.Transition).Reverse().Select(e => (e.From, e.To)).ToList();
        Assert.Equal([(null, AlertState.Pending), (AlertState.Pending, AlertState.Firing), (AlertState.Firing, AlertState.Resolved)], transitions);
        await Eventually.GetAsync(() => harness.NotificationHistoryAsync(AlertText.Sent), h => h.Count == 2, "two sent entries");
    }

    [Fact]
    public async Task A_breach_that_does_not_repeat_resolves_the_pending_alert_without_notifying()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("blip", breaches: 3));
        var series = harness.Series(Gauge);
        series.Add(10);
        await harness.TickAsync();
        await harness.TickAsync();
        series.Add(-10);
        await harness.TickAsync();

        var alert = Assert.Single(await harness.AlertsAsync("blip"));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Null(alert.FiredAt);
        Assert.Empty(await harness.NotificationHistoryAsync());
    }

    [Fact]
    public async Task With_a_duration_fires_once_the_condition_held_that_long()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("held", breaches: 1, holdFor: TimeSpan.FromMinutes(1)));
        harness.Series(Gauge).Add(10);

        await harness.TickAsync();
        await harness.TickAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AlertState.Pending, Assert.Single(await harness.AlertsAsync("held")).State);
        await harness.TickAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AlertState.Firing, Assert.Single(await harness.AlertsAsync("held")).State);
    }

    [Fact]
    public async Task Group_by_attributes_make_one_alert_per_value()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(new AlertRule
        {
            Name = "refresh_failures",
            Metric = new MetricCondition
            {
                Instrument = "promptwatch.refreshes",
                Filter = new Dictionary<string, string> { ["promptwatch.outcome"] = "fail.*" },
                GroupBy = ["promptwatch.repository"],
                Aggregation = MetricAggregation.Increase,
                Window = TimeSpan.FromMinutes(5),
                Threshold = 0,
            },
        });
        var a = harness.Series("promptwatch.refreshes", ("promptwatch.repository", "a"), ("promptwatch.outcome", "failure"));
        var b = harness.Series("promptwatch.refreshes", ("promptwatch.repository", "b"), ("promptwatch.outcome", "failure"));
        var ok = harness.Series("promptwatch.refreshes", ("promptwatch.repository", "c"), ("promptwatch.outcome", "success"));
        await harness.TickAsync();
        a.Add(1);
        b.Add(2);
        ok.Add(5);
        await harness.TickAsync();

        var alerts = await harness.AlertsAsync("refresh_failures");
        Assert.Equal(["a", "b"], alerts.Select(x => x.Labels["promptwatch.repository"]).Order());
        Assert.All(alerts, x => Assert.Equal(AlertState.Firing, x.State));
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 2, "one notification per group");
        Assert.Equal(2, harness.Channel.Sent.Select(n => n.GroupKey).Distinct().Count());
    }

    [Fact]
    public async Task Cooldown_holds_back_a_second_firing_of_the_group_until_it_passed()
    {
        await using var harness = AlertEngineHarness.Create(o => o.Cooldown = TimeSpan.FromMinutes(10));
        await harness.Engine.SaveRuleAsync(GaugeRule("flapping"));
        var series = harness.Series(Gauge);

        series.Set(10);
        await harness.TickAsync();
        series.Set(0);
        await harness.TickAsync();
        series.Set(10);
        await harness.TickAsync();
        Assert.Single(await harness.NotificationHistoryAsync(AlertText.Cooldown));

        series.Set(0);
        await harness.TickAsync(TimeSpan.FromMinutes(10));
        series.Set(10);
        await harness.TickAsync();
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count(n => n.Kind == AlertNotificationKind.Firing) == 2, "the firing after the cooldown");
    }

    [Fact]
    public async Task The_hourly_cap_limits_notifications_per_rule_and_channel_over_a_sliding_hour()
    {
        await using var harness = AlertEngineHarness.Create(o => o.MaxNotificationsPerHour = 3);
        await harness.Engine.SaveRuleAsync(GaugeRule("capped"));
        var series = harness.Series(Gauge);
        for (var i = 0; i < 3; i++)
        {
            series.Set(10);
            await harness.TickAsync();
            series.Set(0);
            await harness.TickAsync();
        }

        // Three firings and three resolutions: the cap let the first three through.
        Assert.Equal(3, (await harness.NotificationHistoryAsync(AlertText.RateLimited)).Count);
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 3, "three notifications");

        series.Set(10);
        await harness.TickAsync(TimeSpan.FromMinutes(61));
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 4, "a notification an hour later");
    }

    [Fact]
    public async Task A_silence_suppresses_notifications_and_its_end_fires_again()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("silenced"));
        var silence = await harness.Engine.CreateSilenceAsync(
            [new LabelMatcher("alertname", "silenced"), new LabelMatcher("severity", "err.*", IsRegex: true)],
            null, AlertEngineHarness.Start + TimeSpan.FromHours(1), "ops", "maintenance");
        harness.Series(Gauge).Set(10);

        await harness.TickAsync();
        var suppressed = Assert.Single(await harness.AlertsAsync("silenced"));
        Assert.Equal(AlertState.Suppressed, suppressed.State);
        Assert.Equal(silence.Id, suppressed.SilencedBy);
        Assert.Single(await harness.NotificationHistoryAsync(AlertText.Suppressed));

        await harness.Engine.ExpireSilenceAsync(silence.Id);
        await harness.TickAsync();
        var firing = Assert.Single(await harness.AlertsAsync("silenced"));
        Assert.Equal(AlertState.Firing, firing.State);
        Assert.Null(firing.SilencedBy);
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 1, "the firing once the silence ended");
        Assert.Single(await harness.NotificationHistoryAsync(AlertText.Suppressed));
    }

    [Fact]
    public async Task A_silence_that_starts_later_suppresses_a_firing_alert_when_it_starts()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("later"));
        await harness.Engine.CreateSilenceAsync([new LabelMatcher("alertname", "later")], AlertEngineHarness.Start + TimeSpan.FromMinutes(5), AlertEngineHarness.Start + TimeSpan.FromMinutes(20), "ops", "window");
        harness.Series(Gauge).Set(10);
        await harness.TickAsync();
        Assert.Equal(AlertState.Firing, Assert.Single(await harness.AlertsAsync("later")).State);

        await harness.TickAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(AlertState.Suppressed, Assert.Single(await harness.AlertsAsync("later")).State);

        await harness.TickAsync(TimeSpan.FromMinutes(15));
        Assert.Equal(AlertState.Firing, Assert.Single(await harness.AlertsAsync("later")).State);
    }

    [Fact]
    public async Task Acknowledged_alerts_keep_who_and_statistics_give_the_mean_times()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("acked"));
        var series = harness.Series(Gauge);
        series.Set(10);
        await harness.TickAsync();
        var alert = Assert.Single(await harness.AlertsAsync("acked"));

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        var acknowledged = await harness.Engine.AcknowledgeAsync(alert.Id, "alice", "looking");
        Assert.Equal(AlertState.Acknowledged, acknowledged!.State);
        Assert.Equal("alice", acknowledged.Acknowledgement!.By);
        Assert.Equal(AlertState.Resolved, (await harness.Engine.ResolveAsync(alert.Id, "bob", null))!.State);
        var again = await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.ResolveAsync(alert.Id, "bob", null).AsTask());
        Assert.Equal("state", again.Field);

        var stats = await harness.Engine.GetStatisticsAsync();
        var rule = Assert.Single(stats.Rules);
        Assert.Equal(("acked", 1, 1, 0), (rule.Rule, rule.Fired, rule.Resolved, rule.Open));
        Assert.Equal(TimeSpan.FromMinutes(4), rule.MeanTimeToAcknowledge);
        Assert.Equal(TimeSpan.FromMinutes(4), rule.MeanTimeToResolve);
        Assert.Equal(AlertSeverity.Error, Assert.Single(stats.Severities).Severity);

        var history = await harness.Engine.GetHistoryAsync(new AlertHistoryQuery(AlertId: alert.Id));
        Assert.Contains(history, e => e.To == AlertState.Acknowledged && e.By == "alice" && e.Comment == "looking");
        Assert.Contains(history, e => e.To == AlertState.Resolved && e.By == "bob");
    }

    [Fact]
    public async Task A_pending_alert_cannot_be_acknowledged()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("pending", breaches: 5));
        harness.Series(Gauge).Set(10);
        await harness.TickAsync();
        var alert = Assert.Single(await harness.AlertsAsync("pending"));
        var error = await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.AcknowledgeAsync(alert.Id, "alice", null).AsTask());
        Assert.Equal("state", error.Field);
    }

    [Fact]
    public async Task Errors_counter_increase_fires_and_clears_as_the_window_moves_on()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(new AlertRule
        {
            Name = "scan_errors_metric",
            Metric = new MetricCondition { Instrument = Errors, Aggregation = MetricAggregation.Increase, Window = TimeSpan.FromMinutes(1), Threshold = 0 },
        });
        var series = harness.Series(Errors, ("error.type", "io"));
        await harness.TickAsync();
        series.Add(2);
        var evaluation = await harness.TickAsync();
        Assert.Equal(AlertState.Firing, Assert.Single(evaluation.Changed).State);

        for (var i = 0; i < 3; i++) await harness.TickAsync();
        Assert.Equal(AlertState.Firing, Assert.Single(await harness.AlertsAsync("scan_errors_metric")).State);
        await harness.TickAsync();
        await harness.TickAsync();
        Assert.Equal(AlertState.Resolved, Assert.Single(await harness.AlertsAsync("scan_errors_metric")).State);
    }

    [Fact]
    public async Task Acknowledging_a_suppressed_alert_keeps_it_suppressed_and_is_in_the_history()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(GaugeRule("quiet"));
        await harness.Engine.CreateSilenceAsync([new LabelMatcher("alertname", "quiet")], null, AlertEngineHarness.Start + TimeSpan.FromHours(1), "ops", "");
        harness.Series(Gauge).Set(10);
        await harness.TickAsync();
        var alert = Assert.Single(await harness.AlertsAsync("quiet"));

        var acknowledged = await harness.Engine.AcknowledgeAsync(alert.Id, "carol", "known");
        Assert.Equal((AlertState.Suppressed, "carol"), (acknowledged!.State, acknowledged.Acknowledgement!.By));
        Assert.Contains(await harness.Engine.GetHistoryAsync(new AlertHistoryQuery(AlertId: alert.Id)), e => e.By == "carol" && e.To == AlertState.Suppressed);
    }
}
