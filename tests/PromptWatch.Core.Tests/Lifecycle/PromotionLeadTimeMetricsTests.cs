using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Lifecycle;

/// <summary>The promotion lead-time gauges of a host watching a real repository where test's versions reach prod later.</summary>
public sealed class PromotionLeadTimeMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_use_case_reports_its_median_and_last_promotion_lead_time_in_seconds()
    {
        using var repository = TestRepository.Create();
        // summarize starts on gpt-4o in both; gpt-4.1 reaches prod 3 hours after test, gpt-5 6 hours after (lead times 3 h and 6 h).
        Commit(repository, "chart/values-test.yaml", "gpt-4o", Start);
        Commit(repository, "chart/values-prod.yaml", "gpt-4o", Start);
        Commit(repository, "chart/values-test.yaml", "gpt-4.1", Start.AddHours(1));
        Commit(repository, "chart/values-prod.yaml", "gpt-4.1", Start.AddHours(4));
        Commit(repository, "chart/values-test.yaml", "gpt-5", Start.AddHours(5));
        Commit(repository, "chart/values-prod.yaml", "gpt-5", Start.AddHours(11));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Repositories:0:Name"] = "prompts",
            ["PromptWatch:Repositories:0:Location"] = repository.Path,
            ["PromptWatch:PollInterval"] = "01:00:00",
        });
        builder.Services.AddMetrics();
        builder.Services.AddPromptWatch();
        using var host = builder.Build();
        var factory = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var median = new MetricCollector<double>(factory, PromptWatchTelemetry.MeterName, "promptwatch.promotion.lead_time.median");
        using var last = new MetricCollector<double>(factory, PromptWatchTelemetry.MeterName, "promptwatch.promotion.lead_time.last");
        await host.StartAsync();
        try
        {
            var refreshed = await host.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync();
            Assert.True(refreshed.Ok, string.Join("; ", refreshed.Errors.Values));

            median.RecordObservableInstruments();
            last.RecordObservableInstruments();

            var medianValue = Assert.Single(median.GetMeasurementSnapshot());
            Assert.Equal(TimeSpan.FromHours(4.5).TotalSeconds, medianValue.Value);
            Assert.Equal("prompts", medianValue.Tags["promptwatch.repository"]);
            Assert.Equal("summarize", medianValue.Tags["promptwatch.use_case"]);
            Assert.Equal("test", medianValue.Tags["promptwatch.environment.from"]);
            Assert.Equal("prod", medianValue.Tags["promptwatch.environment.to"]);
            Assert.Equal(TimeSpan.FromHours(6).TotalSeconds, Assert.Single(last.GetMeasurementSnapshot()).Value);

            // A refresh that finds nothing keeps the figures; a new promotion (2 h) changes them: lead times 3, 6 and 2 h.
            Assert.True((await host.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync()).Ok);
            median.Clear();
            median.RecordObservableInstruments();
            Assert.Equal(TimeSpan.FromHours(4.5).TotalSeconds, Assert.Single(median.GetMeasurementSnapshot()).Value);
            Commit(repository, "chart/values-test.yaml", "gpt-6", Start.AddHours(12));
            Commit(repository, "chart/values-prod.yaml", "gpt-6", Start.AddHours(14));
            Assert.True((await host.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync()).Ok);
            median.Clear();
            last.Clear();
            median.RecordObservableInstruments();
            last.RecordObservableInstruments();
            Assert.Equal(TimeSpan.FromHours(3).TotalSeconds, Assert.Single(median.GetMeasurementSnapshot()).Value);
            Assert.Equal(TimeSpan.FromHours(2).TotalSeconds, Assert.Single(last.GetMeasurementSnapshot()).Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static void Commit(TestRepository repository, string file, string model, DateTimeOffset when)
    {
        repository.WriteFile(file, $"summarize:\n  model: {model}\n  prompt: Summarize.\n");
        repository.Commit($"{file}: {model}", GitSignature.At(when));
    }
}
