using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Diagnostics;
using PromptWatch.Lifecycle;
using PromptWatch.Results;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// The observable gauges of evaluation coverage and promotion lead time are instruments metric rules may name: a rule
/// naming one is saved, and the engine, listening to the host's <c>PromptWatch</c> meter, reads the gauge and fires.
/// </summary>
public sealed class ObservedGaugeRuleTests
{
    [Theory]
    [InlineData(EvaluationCoverageMetrics.Name)]
    [InlineData(PromotionLeadTimeMetrics.MedianName)]
    [InlineData(PromotionLeadTimeMetrics.LastName)]
    public async Task A_rule_naming_the_gauge_is_accepted_and_fires_on_its_observed_value(string instrument)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var observed = 3.0;
        var meter = meters.Create(PromptWatchTelemetry.MeterName);
        meter.CreateObservableGauge(instrument, () => new Measurement<double>(observed, new KeyValuePair<string, object?>("promptwatch.repository", "prompts")));
        var time = new FakeTimeProvider(AlertEngineHarness.Start);
        using var source = new AlertMetricSource(meters);
        using var metrics = new AlertingMetrics();
        var channel = new RecordingChannel("recording");
        using var engine = new AlertEngine(Options.Create(new AlertingOptions { DefaultRules = false, Cooldown = TimeSpan.Zero }), new InMemoryAlertStore(time), [channel], source, metrics, time);
        engine.StartWorkers();
        try
        {
            await engine.SaveRuleAsync(new AlertRule
            {
                Name = "gauge_high",
                Severity = AlertSeverity.Warning,
                Metric = new MetricCondition { Instrument = instrument, Filter = new Dictionary<string, string> { ["promptwatch.repository"] = "prompts" }, Comparison = AlertComparison.Gt, Threshold = 5 },
            });

            time.Advance(TimeSpan.FromSeconds(15));
            await engine.EvaluateAsync();
            Assert.DoesNotContain(await engine.GetAlertsAsync(new AlertQuery(Rule: "gauge_high")), static a => a.State != AlertState.Resolved);

            observed = 12;
            time.Advance(TimeSpan.FromSeconds(15));
            await engine.EvaluateAsync();
            var firing = Assert.Single(await engine.GetAlertsAsync(new AlertQuery(Rule: "gauge_high")));
            Assert.Equal(AlertState.Firing, firing.State);
            Assert.Equal(12, firing.Value);
        }
        finally
        {
            await engine.StopAsync(CancellationToken.None);
        }
    }
}
