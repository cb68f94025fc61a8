using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Notifications;
using PromptWatch.Diagnostics;

namespace PromptWatch.Tests.Alerting;

public sealed class AlertingTelemetryTests
{
    [Fact]
    public async Task Notification_attempts_are_counted_per_channel_and_outcome_and_open_alerts_per_state()
    {
        var sent = $"ok-{Guid.NewGuid():N}";
        var failed = $"ko-{Guid.NewGuid():N}";
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PromptWatchTelemetry.MeterName && instrument.Name is AlertingMetrics.NotificationsName or AlertingMetrics.AlertsOpenName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var channel = tags.ToArray().FirstOrDefault(t => t.Key == "promptwatch.alert.channel").Value as string;
            var outcome = tags.ToArray().FirstOrDefault(t => t.Key == "promptwatch.outcome").Value as string;
            counts.AddOrUpdate($"{channel}/{outcome}", value, (_, v) => v + value);
        });
        var firing = new ConcurrentBag<int>();
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "promptwatch.alert.state" && (string?)t.Value == "firing")) firing.Add(value);
        });
        listener.Start();

        await using var harness = AlertEngineHarness.Create(null, new RecordingChannel(sent), new ThrowingChannel(failed));
        await harness.Engine.SaveRuleAsync(new AlertRule { Name = "counted", Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", Threshold = 0 } });
        harness.Series("promptwatch.workspaces.alive").Add(1);
        await harness.TickAsync();

        await Eventually.TrueAsync(() => counts.GetValueOrDefault($"{sent}/sent") == 1 && counts.GetValueOrDefault($"{failed}/failed") == 1, "the counted attempts");
        listener.RecordObservableInstruments();
        Assert.Contains(1, firing);
    }

    [Fact]
    public async Task Each_evaluation_is_a_span()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = static s => s.Name == PromptWatchTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.OperationName == "promptwatch.alerting.evaluate") spans.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(new AlertRule { Name = "spanned", Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", Threshold = 0 } });
        harness.Series("promptwatch.workspaces.alive").Add(1);
        await harness.TickAsync();

        Assert.Contains(spans, s => s.GetTagItem("promptwatch.alerting.changed") is 1 && s.GetTagItem("promptwatch.alerting.rules") is 1);
    }

    [Fact]
    public async Task The_log_channel_writes_each_alert()
    {
        var logger = new FakeLogger<LogAlertChannel>();
        var channel = new LogAlertChannel(logger);
        var now = DateTimeOffset.UnixEpoch;
        var alert = new Alert { Id = "a1", Rule = "disk_high", Severity = AlertSeverity.Error, State = AlertState.Firing, Labels = new Dictionary<string, string>(), Summary = "disk 93 %", StartsAt = now, LastBreachAt = now };
        await channel.SendAsync(new AlertNotification(AlertNotificationKind.Firing, "disk_high", [alert], now), CancellationToken.None);

        Assert.Equal("log", channel.Name);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("disk_high", record.Message, StringComparison.Ordinal);
        Assert.Contains("disk 93 %", record.Message, StringComparison.Ordinal);
        Assert.Contains("error", record.Message, StringComparison.Ordinal);
    }
}
