using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

public sealed class EventRuleTests
{
    private static AlertEvent Failing(string repository, DateTimeOffset at, string? occurrence = null, bool clears = false) =>
        new(AlertEventKinds.RepositoryRefreshFailing, new Dictionary<string, string> { ["repository"] = repository }, $"{repository} failed to refresh", at) { OccurrenceId = occurrence, Clears = clears };

    private static AlertRule RefreshRule(int occurrences = 1, TimeSpan? autoResolve = null) => new()
    {
        Name = "refresh",
        Severity = AlertSeverity.Error,
        AutoResolveAfter = autoResolve,
        Event = new EventCondition { Kind = AlertEventKinds.RepositoryRefreshFailing, Filter = new Dictionary<string, string> { ["repository"] = "prompts|other" }, Occurrences = occurrences },
    };

    [Fact]
    public async Task Occurrences_in_a_row_fire_and_a_clearing_event_resolves()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(RefreshRule(occurrences: 2));
        var now = harness.Time.GetUtcNow();

        harness.Engine.Publish(Failing("prompts", now));
        await Eventually.GetAsync(() => harness.AlertsAsync("refresh"), a => a.Count == 1 && a[0].State == AlertState.Pending, "a pending alert");
        harness.Engine.Publish(Failing("prompts", now));
        var firing = (await Eventually.GetAsync(() => harness.AlertsAsync("refresh"), a => a.Count == 1 && a[0].State == AlertState.Firing, "a firing alert"))[0];
        Assert.Equal("prompts failed to refresh", firing.Summary);
        Assert.Equal("prompts", firing.Labels["repository"]);

        harness.Engine.Publish(Failing("prompts", now, clears: true));
        var resolved = (await Eventually.GetAsync(() => harness.AlertsAsync("refresh"), a => a[0].State == AlertState.Resolved, "the cleared alert"))[0];
        Assert.Equal(AlertResolutionReason.Cleared, resolved.Resolution!.Reason);
        await Eventually.TrueAsync(() => harness.Channel.Sent.Count == 2, "firing and resolved notifications");
    }

    [Fact]
    public async Task The_filter_and_the_kind_select_events()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(RefreshRule());
        var now = harness.Time.GetUtcNow();
        harness.Engine.Publish(Failing("unwatched", now));
        harness.Engine.Publish(new AlertEvent(AlertEventKinds.ScanErrors, new Dictionary<string, string> { ["repository"] = "prompts" }, "scan", now));
        harness.Engine.Publish(Failing("other", now));

        var alerts = await Eventually.GetAsync(() => harness.AlertsAsync("refresh"), a => a.Count == 1, "the matching event's alert");
        Assert.Equal("other", alerts[0].Labels["repository"]);
    }

    [Fact]
    public async Task One_occurrence_published_twice_counts_once()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(RefreshRule(occurrences: 2));
        var now = harness.Time.GetUtcNow();
        harness.Engine.Publish(Failing("prompts", now, occurrence: "delivery-1"));
        harness.Engine.Publish(Failing("prompts", now, occurrence: "delivery-1"));
        harness.Engine.Publish(Failing("other", now, occurrence: "delivery-2"));

        var alerts = await Eventually.GetAsync(() => harness.AlertsAsync("refresh"), a => a.Count == 2, "both repositories' alerts");
        Assert.All(alerts, a => Assert.Equal((AlertState.Pending, 1), (a.State, a.Breaches)));
    }

    [Fact]
    public async Task Auto_resolve_ends_the_alert_after_its_time_since_the_last_event()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(RefreshRule(autoResolve: TimeSpan.FromMinutes(10)));
        harness.Engine.Publish(Failing("prompts", harness.Time.GetUtcNow()));
        await Eventually.GetAsync(() => harness.AlertsAsync("refresh"), a => a.Count == 1 && a[0].State == AlertState.Firing, "a firing alert");

        await harness.TickAsync(TimeSpan.FromMinutes(9));
        Assert.Equal(AlertState.Firing, (await harness.AlertsAsync("refresh"))[0].State);
        await harness.TickAsync(TimeSpan.FromMinutes(1));
        var alert = (await harness.AlertsAsync("refresh"))[0];
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal(AlertResolutionReason.AutoResolved, alert.Resolution!.Reason);
    }

    [Fact]
    public async Task Publish_never_blocks_when_the_queue_is_full_and_counts_what_it_drops()
    {
        await using var harness = AlertEngineHarness.Create(o => o.EventQueueCapacity = 16);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var dropped = 0L;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == AlertingMetrics.EventsDroppedName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        await harness.Engine.StopAsync(CancellationToken.None);

        for (var i = 0; i < 100; i++) harness.Engine.Publish(Failing("prompts", harness.Time.GetUtcNow()));
        Assert.True(Interlocked.Read(ref dropped) >= 84, $"dropped {dropped}");
    }
}
