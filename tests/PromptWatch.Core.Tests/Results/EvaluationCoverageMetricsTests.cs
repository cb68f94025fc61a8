using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Results;

/// <summary>The evaluation-coverage gauge of a host watching a real repository with a results folder.</summary>
public sealed class EvaluationCoverageMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Changes_are_counted_per_environment_and_results_state_zeros_included()
    {
        using var repository = TestRepository.Create();
        using var results = new TemporaryFolder();
        Commit(repository, "chart/values-test.yaml", "gpt-4o", Start);
        Commit(repository, "chart/values-prod.yaml", "gpt-4o", Start.AddHours(1));
        Commit(repository, "chart/values-prod.yaml", "gpt-4.1", Start.AddHours(2));
        Commit(repository, "chart/values-prod.yaml", "gpt-5", Start.AddHours(3));
        repository.DeleteFile("chart/values-test.yaml");
        repository.Commit("remove test", GitSignature.At(Start.AddHours(4))); // A removal is not a change to evaluate.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Repositories:0:Name"] = "prompts",
            ["PromptWatch:Repositories:0:Location"] = repository.Path,
            ["PromptWatch:PollInterval"] = "01:00:00",
            ["PromptWatch:ResultsRefreshInterval"] = "01:00:00",
            ["PromptWatch:ResultsMaxBackoff"] = "01:00:00",
        });
        builder.Services.AddMetrics();
        builder.Services.AddPromptWatch().AddLocalFolderResults(results.Path);
        using var host = builder.Build();
        var factory = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var changes = new MetricCollector<long>(factory, PromptWatchTelemetry.MeterName, "promptwatch.evaluation.changes");
        await host.StartAsync();
        try
        {
            var monitor = host.Services.GetRequiredService<PromptWatchMonitor>();
            var refreshed = await monitor.RefreshAsync();
            Assert.True(refreshed.Ok, string.Join("; ", refreshed.Errors.Values));
            // A report for the first prod change only: its commit also added the use case to test (the report names the
            // use case, not an environment), so both count it; the later prod changes have none.
            var evaluated = monitor.Current.Timeline.Last(static e => e.Change.Environment == "prod").Change.Commit.Sha;
            results.WriteFile($"{evaluated[..7]}/summarize_results.html", "<p>evaluation</p>");
            var listed = await monitor.RefreshResultsAsync();
            Assert.True(listed.Ok, string.Join("; ", listed.Errors.Values));

            changes.RecordObservableInstruments();

            var counts = changes.GetMeasurementSnapshot().ToDictionary(
                static m => $"{m.Tags["promptwatch.repository"]}/{m.Tags["promptwatch.environment"]}/{m.Tags["promptwatch.results.state"]}",
                static m => m.Value);
            Assert.Equal(new Dictionary<string, long>
            {
                ["prompts/prod/found"] = 1,
                ["prompts/prod/none"] = 2,
                ["prompts/prod/unknown"] = 0,
                ["prompts/prod/not_configured"] = 0,
                ["prompts/test/found"] = 1,
                ["prompts/test/none"] = 0,
                ["prompts/test/unknown"] = 0,
                ["prompts/test/not_configured"] = 0,
            }, counts);
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
