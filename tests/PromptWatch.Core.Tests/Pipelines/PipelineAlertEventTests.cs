using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Notifications;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Alerts;
using PromptWatch.Pipelines.Analytics;
using PromptWatch.Tests.Alerting;

namespace PromptWatch.Tests.Pipelines;

/// <summary>
/// The pipeline monitor's alert events through <see cref="PipelineUpdater"/> into the alerting engine with its default
/// rules: a branch that breaks fires <c>pipeline_failure</c> and notifies, its recovery resolves it; deployment
/// failures and rollbacks; history and repeats raise nothing.
/// </summary>
public sealed class PipelineAlertEventTests
{
    private static Task<IReadOnlyList<AlertNotification>> SentAsync(AlertEngineHarness harness, Func<IReadOnlyList<AlertNotification>, bool> until, string what) =>
        Eventually.GetAsync(() => Task.FromResult<IReadOnlyList<AlertNotification>>([.. harness.Channel.Sent]), until, what);

    private static (PipelineUpdater Updater, InMemoryPipelineStore Store, RecordingPublisher Events) Updater(AlertEngineHarness harness)
    {
        var store = new InMemoryPipelineStore(new PipelineOptions(), harness.Time);
        var events = new RecordingPublisher(harness.Engine);
        var alerts = new PipelineAlertEvents(events, store, new RollbackDetector([], null), harness.Time, NullLogger.Instance);
        return (new PipelineUpdater(store, new PipelineEventHub(), harness.Time, alerts), store, events);
    }

    [Fact]
    public async Task A_failing_run_after_a_pass_raises_the_event_and_a_notification_and_the_next_pass_resolves_it()
    {
        var hub = new AlertNotificationHub();
        var dispatched = new ConcurrentQueue<AlertDispatch>();
        using var subscription = hub.Subscribe(d =>
        {
            dispatched.Enqueue(d);
            return ValueTask.CompletedTask;
        });
        await using var harness = AlertEngineHarness.Create(static o => o.DefaultRules = true, feed: hub);
        var (updater, _, events) = Updater(harness);
        var now = harness.Time.GetUtcNow();

        await updater.ApplyRunAsync(PipelineSamples.Run(1, now.AddMinutes(-40)), default);
        await updater.ApplyRunAsync(PipelineSamples.Run(2, now.AddMinutes(-20), conclusion: PipelineConclusion.Failure), default);
        // The same failure again (a webhook redelivery, then the poll): the store takes it once.
        await updater.ApplyRunAsync(PipelineSamples.Run(2, now.AddMinutes(-20), conclusion: PipelineConclusion.Failure), default);

        var raised = Assert.Single(events.Published);
        Assert.Equal(AlertEventKinds.PipelineFailure, raised.Kind);
        Assert.False(raised.Clears);
        Assert.Equal(("octo/prompts", "ci", "main"), (raised.Labels["repository"], raised.Labels["workflow"], raised.Labels["branch"]));
        var firing = await SentAsync(harness, static s => s.Count >= 1, "the firing notification");
        Assert.Equal(AlertNotificationKind.Firing, firing[0].Kind);
        Assert.Equal("pipeline_failure", firing[0].Alerts[0].Rule);
        Assert.Equal(AlertSeverity.Error, firing[0].Alerts[0].Severity);
        Assert.Contains("ci failed on main in octo/prompts", firing[0].Alerts[0].Summary, StringComparison.Ordinal);

        // Failing again notifies nobody again; a pass resolves the alert, which is notified too.
        await updater.ApplyRunAsync(PipelineSamples.Run(3, now.AddMinutes(-15), conclusion: PipelineConclusion.TimedOut), default);
        await updater.ApplyRunAsync(PipelineSamples.Run(4, now.AddMinutes(-10)), default);
        var sent = await SentAsync(harness, static s => s.Count >= 2, "the resolved notification");
        Assert.Equal([AlertNotificationKind.Firing, AlertNotificationKind.Resolved], sent.Select(static n => n.Kind));
        Assert.True(events.Published[^1].Clears);
        Assert.Equal(2, events.Published.Count);

        // Every notification sent went to the feed, with its channel.
        await Eventually.TrueAsync(() => dispatched.Count == 2, "the dispatches");
        Assert.All(dispatched, static d => Assert.Equal(["recording"], d.Channels));
        Assert.Equal([AlertNotificationKind.Firing, AlertNotificationKind.Resolved], dispatched.Select(static d => d.Notification.Kind));
    }

    [Fact]
    public async Task A_branch_that_never_passed_an_old_failure_and_a_passing_rerun_raise_only_what_they_should()
    {
        await using var harness = AlertEngineHarness.Create(static o => o.DefaultRules = true);
        var (updater, _, events) = Updater(harness);
        var now = harness.Time.GetUtcNow();

        // A new branch that fails from its first run: it never passed, so it did not break.
        await updater.ApplyRunAsync(PipelineSamples.Run(1, now.AddMinutes(-30), conclusion: PipelineConclusion.Failure) with { Branch = "feature" }, default);
        // History: a break that finished hours ago (a first poll reads the last pages).
        await updater.ApplyRunAsync(PipelineSamples.Run(2, now.AddHours(-5)), default);
        await updater.ApplyRunAsync(PipelineSamples.Run(3, now.AddHours(-4), conclusion: PipelineConclusion.Failure), default);
        // A cancelled run decides nothing.
        await updater.ApplyRunAsync(PipelineSamples.Run(4, now.AddMinutes(-20), conclusion: PipelineConclusion.Cancelled), default);
        Assert.Empty(events.Published);

        // Run 3 is re-run and passes: the branch recovered.
        await updater.ApplyRunAsync(PipelineSamples.Run(3, now.AddHours(-4), conclusion: PipelineConclusion.Success) with { Attempt = 2, UpdatedAt = now.AddMinutes(-5) }, default);
        var cleared = Assert.Single(events.Published);
        Assert.Equal((AlertEventKinds.PipelineFailure, true), (cleared.Kind, cleared.Clears));
    }

    [Fact]
    public async Task A_failed_deployment_and_a_rollback_notify_and_a_later_success_resolves_the_failure()
    {
        await using var harness = AlertEngineHarness.Create(static o => o.DefaultRules = true);
        var (updater, _, events) = Updater(harness);
        var now = harness.Time.GetUtcNow();

        await updater.ApplyDeploymentAsync(PipelineSamples.Deployment(1, now.AddMinutes(-50)) with { LatestState = DeploymentState.Success, LatestStateAt = now.AddMinutes(-49) }, default);
        await updater.ApplyDeploymentAsync(PipelineSamples.Deployment(2, now.AddMinutes(-30)), default);
        await updater.ApplyDeploymentStatusAsync(new PipelineDeploymentStatus(20, 2, PipelineSamples.Repository, DeploymentState.Failure, "health check failed", "bot", now.AddMinutes(-29)), default);

        var failure = await SentAsync(harness, static s => s.Count >= 1, "the deployment failure");
        Assert.Equal("deployment_failure", failure[0].Alerts[0].Rule);
        Assert.Equal(("octo/prompts", "production"), (failure[0].Alerts[0].Labels["repository"], failure[0].Alerts[0].Labels["environment"]));

        await updater.ApplyDeploymentAsync(PipelineSamples.Deployment(3, now.AddMinutes(-10), sha: PipelineSamples.Sha(1)) with { Ref = "rollback-to-1", LatestState = DeploymentState.Success, LatestStateAt = now.AddMinutes(-9) }, default);
        var sent = await SentAsync(harness, static s => s.Count >= 3, "the resolution and the rollback");
        Assert.Contains(sent, static n => n.Kind == AlertNotificationKind.Resolved && n.Alerts[0].Rule == "deployment_failure");
        var rollback = Assert.Single(sent, static n => n.Alerts[0].Rule == "pipeline_rollback");
        Assert.Equal(AlertNotificationKind.Firing, rollback.Kind);
        Assert.Contains("rolled back", rollback.Alerts[0].Summary, StringComparison.Ordinal);
        Assert.Single(events.Published, static e => e.Kind == AlertEventKinds.PipelineRollback);
    }

    /// <summary>Keeps every event on its way to the engine.</summary>
    private sealed class RecordingPublisher(IAlertEventPublisher engine) : IAlertEventPublisher
    {
        private readonly ConcurrentQueue<AlertEvent> published = new();

        public IReadOnlyList<AlertEvent> Published => [.. published];

        public void Publish(AlertEvent alertEvent)
        {
            published.Enqueue(alertEvent);
            engine.Publish(alertEvent);
        }
    }
}
