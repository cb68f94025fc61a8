using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

public sealed class ChannelIsolationTests
{
    [Fact]
    public async Task A_hanging_and_a_failing_channel_delay_neither_evaluation_nor_the_other_channel()
    {
        var hanging = new HangingChannel("hanging");
        var failing = new ThrowingChannel("failing");
        var recording = new RecordingChannel("recording");
        await using var harness = AlertEngineHarness.Create(o => o.ChannelQueueCapacity = 10, hanging, failing, recording);
        await harness.Engine.SaveRuleAsync(new AlertRule
        {
            Name = "per_repository",
            Metric = new MetricCondition { Instrument = "promptwatch.refreshes", GroupBy = ["promptwatch.repository"], Threshold = 0 },
        });

        for (var i = 0; i < 10; i++) harness.Series("promptwatch.refreshes", ("promptwatch.repository", $"r{i}")).Add(1);
        var evaluation = await harness.TickAsync();
        Assert.Equal(10, evaluation.Changed.Count);

        await Eventually.TrueAsync(() => recording.Sent.Count == 10, "every notification on the healthy channel");
        await Eventually.TrueAsync(() => Volatile.Read(ref failing.Attempts) == 10, "every attempt on the failing channel");
        Assert.Equal(1, Volatile.Read(ref hanging.Started));

        // The hanging channel's queue is full; the next evaluation still completes and notifies the healthy channel.
        for (var i = 10; i < 15; i++) harness.Series("promptwatch.refreshes", ("promptwatch.repository", $"r{i}")).Add(1);
        await harness.TickAsync();
        await Eventually.TrueAsync(() => recording.Sent.Count == 15, "the later notifications on the healthy channel");

        var failed = await Eventually.GetAsync(() => harness.NotificationHistoryAsync(AlertText.Failed), h => h.Count(e => e.Channel == "failing") == 15, "the failed attempts");
        var failure = failed.First(e => e.Channel == "failing");
        Assert.Equal("System.Net.Http.HttpRequestException: HTTP 500", failure.Error);
        Assert.DoesNotContain(failed, e => e.Error!.Contains("secret", StringComparison.Ordinal) || e.Error.Contains("hooks.example", StringComparison.Ordinal));
        Assert.Contains(failed, e => e.Channel == "hanging" && e.Error == "queue_full");
    }

    [Fact]
    public async Task Rules_naming_channels_notify_only_those()
    {
        var first = new RecordingChannel("first");
        var second = new RecordingChannel("second");
        await using var harness = AlertEngineHarness.Create(null, first, second);
        await harness.Engine.SaveRuleAsync(new AlertRule
        {
            Name = "only_second",
            Channels = ["second"],
            Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", Threshold = 0 },
        });
        harness.Series("promptwatch.workspaces.alive").Add(1);
        await harness.TickAsync();

        await Eventually.TrueAsync(() => second.Sent.Count == 1, "the named channel");
        Assert.Empty(first.Sent);
    }

    [Fact]
    public async Task A_test_send_reports_the_channel_error_without_secrets()
    {
        var failing = new ThrowingChannel("failing");
        var recording = new RecordingChannel("recording");
        await using var harness = AlertEngineHarness.Create(null, failing, recording);

        var ok = await harness.Engine.SendTestAsync("recording", "Hello", "It works");
        Assert.True(ok.Succeeded);
        Assert.Equal(AlertNotificationKind.Test, Assert.Single(recording.Sent).Kind);
        var failed = await harness.Engine.SendTestAsync("failing", null, null);
        Assert.Equal((false, "System.Net.Http.HttpRequestException: HTTP 500"), (failed.Succeeded, failed.Error));
        var unknown = await Assert.ThrowsAsync<AlertValidationException>(() => harness.Engine.SendTestAsync("nope", null, null).AsTask());
        Assert.Equal("channel", unknown.Field);
    }

    [Fact]
    public async Task A_notification_another_replica_claimed_is_not_sent_again()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(new AlertRule { Name = "shared", Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", Threshold = 0 } });
        var firedAt = AlertEngineHarness.Start + TimeSpan.FromSeconds(15);
        Assert.True(await harness.Store.TryClaimNotificationAsync($"shared|Firing|{firedAt.UtcTicks}|recording", TimeSpan.FromHours(1)));
        harness.Series("promptwatch.workspaces.alive").Add(1);
        await harness.TickAsync();
        Assert.Equal(AlertState.Firing, Assert.Single(await harness.AlertsAsync("shared")).State);

        harness.Series("promptwatch.workspaces.alive").Add(-1);
        await harness.TickAsync();
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 1, "the resolution, which nobody claimed");
        Assert.Equal(AlertNotificationKind.Resolved, Assert.Single(harness.Channel.Sent).Kind);
    }
}
