using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Diagnostics;

namespace PromptWatch.Tests.Alerting;

public sealed class MetricAggregationTests
{
    private static async Task<double?> ValueAsync(AlertEngineHarness harness, string rule) => (await harness.AlertsAsync(rule)).SingleOrDefault(a => a.State != AlertState.Resolved)?.Value;

    [Fact]
    public async Task Rate_is_the_increase_per_second_over_the_window()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(new AlertRule { Name = "rate", Metric = new MetricCondition { Instrument = "promptwatch.scans", Aggregation = MetricAggregation.Rate, Window = TimeSpan.FromMinutes(1), Threshold = 0.5 } });
        var series = harness.Series("promptwatch.scans");
        await harness.TickAsync();
        series.Add(30);
        await harness.TickAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1.0, await ValueAsync(harness, "rate"));
    }

    [Fact]
    public async Task Ratio_divides_the_increases_of_two_filtered_counters()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(new AlertRule
        {
            Name = "failure_ratio",
            Metric = new MetricCondition
            {
                Instrument = "promptwatch.refreshes",
                Filter = new Dictionary<string, string> { ["promptwatch.outcome"] = "failure" },
                Aggregation = MetricAggregation.Ratio,
                Denominator = "promptwatch.refreshes",
                Threshold = 0.2,
            },
        });
        var failures = harness.Series("promptwatch.refreshes", ("promptwatch.outcome", "failure"));
        var successes = harness.Series("promptwatch.refreshes", ("promptwatch.outcome", "success"));
        failures.Add(100);
        successes.Add(100);
        await harness.TickAsync();
        Assert.Empty(await harness.AlertsAsync("failure_ratio"));

        failures.Add(1);
        successes.Add(3);
        await harness.TickAsync();
        Assert.Equal(0.25, await ValueAsync(harness, "failure_ratio"));
    }

    [Fact]
    public async Task P95_reads_the_histogram_measurements_of_the_window_only()
    {
        await using var harness = AlertEngineHarness.Create();
        await harness.Engine.SaveRuleAsync(new AlertRule { Name = "slow", Metric = new MetricCondition { Instrument = "promptwatch.refresh.duration", Aggregation = MetricAggregation.P95, Window = TimeSpan.FromMinutes(1), Threshold = 5 } });
        var series = harness.Series("promptwatch.refresh.duration");
        for (var i = 0; i < 100; i++) series.Record(100);
        await harness.TickAsync();
        for (var i = 0; i < 5; i++) await harness.TickAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(await harness.AlertsAsync("slow"), a => a.State != AlertState.Resolved);

        for (var i = 0; i < 100; i++) series.Record(i < 90 ? 1 : 10);
        await harness.TickAsync();
        var value = await ValueAsync(harness, "slow");
        Assert.InRange(value!.Value, 9.5, 10.5);
    }

    [Fact]
    public async Task The_source_listens_to_the_PromptWatch_meter()
    {
        using var source = new AlertMetricSource();
        using var metrics = new PromptWatchMetrics();
        var repository = $"repo-{Guid.NewGuid():N}";
        metrics.RecordRefresh(repository, ok: false, TimeSpan.FromSeconds(2));
        metrics.RecordRefresh(repository, ok: false, TimeSpan.FromSeconds(2));
        source.Sample();

        var refreshes = source.Find("promptwatch.refreshes")!.Series.Single(s => s.Attributes.GetValueOrDefault("promptwatch.repository") == repository);
        Assert.Equal(2, refreshes.Sampled);
        var duration = source.Find("promptwatch.refresh.duration")!.Series.Single(s => s.Attributes.GetValueOrDefault("promptwatch.repository") == repository);
        Assert.Equal(2, duration.Sampled);
        await Task.CompletedTask;
    }

    [Fact]
    public void The_source_of_a_host_hears_its_own_meters_and_the_unscoped_ones_never_another_hosts()
    {
        using var hostServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var host = hostServices.GetRequiredService<IMeterFactory>();
        var other = otherServices.GetRequiredService<IMeterFactory>();
        using var source = new AlertMetricSource(host);
        using var own = new PromptWatchMetrics(host);
        using var foreign = new PromptWatchMetrics(other);
        using var unscoped = new PromptWatchMetrics();
        var repository = $"repo-{Guid.NewGuid():N}";
        own.RecordRefresh(repository + "-own", ok: false, TimeSpan.FromSeconds(1));
        foreign.RecordRefresh(repository + "-foreign", ok: false, TimeSpan.FromSeconds(1));
        unscoped.RecordRefresh(repository + "-unscoped", ok: false, TimeSpan.FromSeconds(1));
        source.Sample();

        var heard = source.Find("promptwatch.refreshes")!.Series.Select(s => s.Attributes.GetValueOrDefault("promptwatch.repository")).Where(r => r?.StartsWith(repository, StringComparison.Ordinal) == true).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([repository + "-own", repository + "-unscoped"], heard);
    }
}
