using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Diagnostics;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Analytics;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.Tests.Pipelines;

/// <summary>The pipeline monitor's instruments: changes the store accepted, updates by source, analytics durations.</summary>
public sealed class PipelineMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    // A meter factory of the test's own: collectors scoped to it hear this test's meter only, not those of parallel tests.
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task Updates_are_counted_by_source_and_outcome_and_accepted_changes_by_repository_kind_status_and_conclusion()
    {
        using var metrics = new PipelineMetrics(Factory);
        using var changes = Collect<long>(PipelineMetrics.ChangesName);
        using var updates = Collect<long>(PipelineMetrics.UpdatesName);
        var time = new FakeTimeProvider(Now);
        var updater = new PipelineUpdater(new InMemoryPipelineStore(new PipelineOptions(), time), new PipelineEventHub(), time, null, metrics);

        var run = PipelineSamples.Run(1, Now.AddMinutes(-10), conclusion: PipelineConclusion.Failure);
        await updater.ApplyRunAsync(run, PipelineUpdateSource.Webhook, default);
        await updater.ApplyRunAsync(run, PipelineUpdateSource.Poll, default);
        await updater.ApplyJobAsync(PipelineSamples.Job(10, 1, Now.AddMinutes(-9), status: PipelineStatus.InProgress), PipelineUpdateSource.Poll, default);
        await updater.ApplyDeploymentAsync(PipelineSamples.Deployment(5, Now.AddMinutes(-5)), default);

        var accepted = changes.GetMeasurementSnapshot();
        Assert.Equal(3, accepted.Count);
        var runChange = Assert.Single(accepted, static m => (string?)m.Tags["promptwatch.pipeline.kind"] == "run");
        Assert.Equal(("octo/prompts", "completed", "failure"), ((string?)runChange.Tags["promptwatch.repository"], (string?)runChange.Tags["promptwatch.pipeline.status"], (string?)runChange.Tags["promptwatch.pipeline.conclusion"]));
        var jobChange = Assert.Single(accepted, static m => (string?)m.Tags["promptwatch.pipeline.kind"] == "job");
        Assert.Equal("in_progress", jobChange.Tags["promptwatch.pipeline.status"]);
        Assert.False(jobChange.Tags.ContainsKey("promptwatch.pipeline.conclusion"));

        var offered = updates.GetMeasurementSnapshot().Select(static m => ((string?)m.Tags["promptwatch.pipeline.source"], (string?)m.Tags["promptwatch.pipeline.kind"], (string?)m.Tags["promptwatch.outcome"])).ToList();
        Assert.Equal([("webhook", "run", "changed"), ("poll", "run", "unchanged"), ("poll", "job", "changed"), ("other", "deployment", "changed")], offered);
    }

    [Fact]
    public async Task Each_analytics_request_records_its_duration()
    {
        using var metrics = new PipelineMetrics(Factory);
        using var durations = Collect<double>(PipelineMetrics.AnalyticsDurationName);
        var time = new FakeTimeProvider(Now);
        var store = new InMemoryPipelineStore(new PipelineOptions(), time);
        await store.UpsertRunAsync(PipelineSamples.Run(1, Now.AddDays(-1)), default);
        var analytics = new PipelineAnalyticsService(store, Options.Create(new PipelineOptions()), time, null, metrics);

        Assert.Equal(1, (await analytics.OverviewAsync(7, null, default)).TotalRuns);
        await analytics.MttrAsync(7, null, default);
        await analytics.DoraAsync(7, null, default);

        var recorded = durations.GetMeasurementSnapshot();
        Assert.Equal(["overview", "mttr", "dora"], recorded.Select(static m => (string?)m.Tags["promptwatch.pipeline.analytics"]));
        Assert.All(recorded, static m => Assert.Equal("success", m.Tags["promptwatch.outcome"]));
        Assert.All(recorded, static m => Assert.True(m.Value >= 0));
    }

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Factory, PromptWatchTelemetry.MeterName, instrument);
}
