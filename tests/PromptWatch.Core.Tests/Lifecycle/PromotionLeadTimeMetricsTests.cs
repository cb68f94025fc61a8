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
    public async Task Each_use_case_reports_its_median_last_and_slowest_promotion_lead_time_in_seconds()
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
        using var slowest = new MetricCollector<double>(factory, PromptWatchTelemetry.MeterName, "promptwatch.promotion.lead_time.slowest");
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
            slowest.RecordObservableInstruments();
            Assert.Equal(TimeSpan.FromHours(6).TotalSeconds, Assert.Single(slowest.GetMeasurementSnapshot()).Value);

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
            slowest.Clear();
            slowest.RecordObservableInstruments();
            Assert.Equal(TimeSpan.FromHours(6).TotalSeconds, Assert.Single(slowest.GetMeasurementSnapshot()).Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Each_repository_reports_its_median_last_and_slowest_promotion_lead_time_over_all_its_use_cases()
    {
        using var repository = TestRepository.Create();
        // Worked out by hand: summarize is promoted after 2 h and 5 h, classify after 2 h (the same commit) and 1 h.
        // Over both, in the order they reached prod: 2 h, 2 h, 5 h, 1 h: median 2 h, last 1 h, slowest 5 h.
        // Both files exist from the first commit: prod's is not created as a copy of test's (which its history would follow).
        repository.WriteFile("chart/values-test.yaml", "# test\n");
        repository.WriteFile("chart/values-prod.yaml", "# prod\n");
        repository.Commit("Add the values files", GitSignature.At(Start.AddHours(-1)));
        CommitBoth(repository, "chart/values-test.yaml", "gpt-4o", "llama-3.1-8b", Start);
        CommitBoth(repository, "chart/values-prod.yaml", "gpt-4o", "llama-3.1-8b", Start.AddHours(2));
        CommitBoth(repository, "chart/values-test.yaml", "gpt-4.1", "llama-3.1-8b", Start.AddHours(3));
        CommitBoth(repository, "chart/values-prod.yaml", "gpt-4.1", "llama-3.1-8b", Start.AddHours(8));
        CommitBoth(repository, "chart/values-test.yaml", "gpt-4.1", "llama-3.1-70b", Start.AddHours(9));
        CommitBoth(repository, "chart/values-prod.yaml", "gpt-4.1", "llama-3.1-70b", Start.AddHours(10));
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
        using var median = new MetricCollector<double>(factory, PromptWatchTelemetry.MeterName, "promptwatch.promotion.lead_time.overall.median");
        using var last = new MetricCollector<double>(factory, PromptWatchTelemetry.MeterName, "promptwatch.promotion.lead_time.overall.last");
        using var slowest = new MetricCollector<double>(factory, PromptWatchTelemetry.MeterName, "promptwatch.promotion.lead_time.overall.slowest");
        using var perUseCase = new MetricCollector<double>(factory, PromptWatchTelemetry.MeterName, "promptwatch.promotion.lead_time.slowest");
        await host.StartAsync();
        try
        {
            var refreshed = await host.Services.GetRequiredService<PromptWatchMonitor>().RefreshAsync();
            Assert.True(refreshed.Ok, string.Join("; ", refreshed.Errors.Values));
            foreach (var collector in new[] { median, last, slowest, perUseCase }) collector.RecordObservableInstruments();

            var byUseCase = perUseCase.GetMeasurementSnapshot().ToDictionary(static m => (string)m.Tags["promptwatch.use_case"]!, static m => m.Value);
            Assert.Equal(new Dictionary<string, double> { ["classify"] = TimeSpan.FromHours(2).TotalSeconds, ["summarize"] = TimeSpan.FromHours(5).TotalSeconds }, byUseCase);
            var medianValue = Assert.Single(median.GetMeasurementSnapshot());
            Assert.Equal(TimeSpan.FromHours(2).TotalSeconds, medianValue.Value);
            Assert.Equal("prompts", medianValue.Tags["promptwatch.repository"]);
            Assert.Equal("test", medianValue.Tags["promptwatch.environment.from"]);
            Assert.Equal("prod", medianValue.Tags["promptwatch.environment.to"]);
            Assert.False(medianValue.Tags.ContainsKey("promptwatch.use_case"));
            Assert.Equal(TimeSpan.FromHours(1).TotalSeconds, Assert.Single(last.GetMeasurementSnapshot()).Value);
            Assert.Equal(TimeSpan.FromHours(5).TotalSeconds, Assert.Single(slowest.GetMeasurementSnapshot()).Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static void CommitBoth(TestRepository repository, string file, string summarizeModel, string classifyModel, DateTimeOffset when)
    {
        repository.WriteFile(file, $"summarize:\n  model: {summarizeModel}\n  prompt: Summarize.\nclassify:\n  model: {classifyModel}\n  prompt: Classify.\n");
        repository.Commit($"{file}: {summarizeModel}, {classifyModel}", GitSignature.At(when));
    }

    private static void Commit(TestRepository repository, string file, string model, DateTimeOffset when)
    {
        repository.WriteFile(file, $"summarize:\n  model: {model}\n  prompt: Summarize.\n");
        repository.Commit($"{file}: {model}", GitSignature.At(when));
    }
}
