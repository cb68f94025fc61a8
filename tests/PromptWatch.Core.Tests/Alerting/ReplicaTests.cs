using PromptWatch.Alerting;

namespace PromptWatch.Tests.Alerting;

/// <summary>Two engines on one store, as replicas sharing the Redis store run: what one has opened or counted, the other does not again.</summary>
public sealed class ReplicaTests
{
    private static readonly AlertRule DeployRule = new()
    {
        Name = "deploy",
        Event = new EventCondition { Kind = AlertEventKinds.DeploymentFailure, Occurrences = 2 },
    };

    // Published after the event under test: once its alert is there, the engine has matched everything published before.
    private static readonly AlertRule MarkerRule = new() { Name = "marker", Event = new EventCondition { Kind = AlertEventKinds.ScanErrors } };

    [Fact]
    public async Task A_delivery_both_replicas_receive_counts_once()
    {
        await using var first = AlertEngineHarness.Create();
        await using var second = AlertEngineHarness.ReplicaOf(first);
        await first.Engine.SaveRuleAsync(DeployRule);
        await first.Engine.SaveRuleAsync(MarkerRule);

        first.Engine.Publish(Deployment("delivery-1"));
        await Eventually.GetAsync(() => first.AlertsAsync("deploy"), static a => a.Count == 1, "the pending alert");
        second.Engine.Publish(Deployment("delivery-1"));
        second.Engine.Publish(new AlertEvent(AlertEventKinds.ScanErrors, new Dictionary<string, string>(), "marker", first.Time.GetUtcNow()));
        await Eventually.GetAsync(() => second.AlertsAsync("marker"), static a => a.Count == 1, "the second replica's marker");

        var alert = Assert.Single(await second.AlertsAsync("deploy"));
        Assert.Equal((AlertState.Pending, 1), (alert.State, alert.Breaches));

        // Another delivery is another occurrence: the second replica counts it, and the alert fires.
        second.Engine.Publish(Deployment("delivery-2"));
        await Eventually.GetAsync(() => first.AlertsAsync("deploy"), static a => a.Count == 1 && a[0].State == AlertState.Firing, "the firing alert");
    }

    [Fact]
    public async Task A_group_whose_next_alert_another_replica_claimed_is_left_to_it()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(DeployRule with { Event = DeployRule.Event! with { Occurrences = 1 } });
        await harness.Engine.SaveRuleAsync(MarkerRule);
        // The other replica read the same store (no alert of the group yet) and claimed the group's next alert.
        Assert.True(await harness.Store.TryClaimNotificationAsync("new-alert\u001fdeploy{environment=prod}\u001f", TimeSpan.FromMinutes(5)));

        harness.Engine.Publish(Deployment(null));
        harness.Engine.Publish(new AlertEvent(AlertEventKinds.ScanErrors, new Dictionary<string, string>(), "marker", harness.Time.GetUtcNow()));
        await Eventually.GetAsync(() => harness.AlertsAsync("marker"), static a => a.Count == 1, "the marker");

        Assert.Empty(await harness.AlertsAsync("deploy"));
        Assert.DoesNotContain(harness.Channel.Sent, static n => n.Alerts[0].Rule == "deploy");
    }

    private static AlertEvent Deployment(string? occurrence) =>
        new(AlertEventKinds.DeploymentFailure, new Dictionary<string, string> { ["environment"] = "prod" }, "deploy failed", AlertEngineHarness.Start) { OccurrenceId = occurrence };
}
