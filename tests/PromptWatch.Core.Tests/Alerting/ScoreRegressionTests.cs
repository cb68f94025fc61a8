using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Alerting;

/// <summary>
/// <c>score_regression</c> on a real repository and a real result folder: a drop beyond the threshold from the previous
/// evaluated version alerts once per (change, metric) with its text; a drop within it, or an improvement, does not.
/// </summary>
public sealed class ScoreRegressionTests : IDisposable
{
    private static readonly DateTimeOffset Start = AlertedRepository.Start;
    private readonly AlertedRepository _watched = new();

    [Fact]
    public async Task A_score_drop_beyond_the_threshold_reaches_the_engine_once_per_change_and_metric()
    {
        var first = Commit("summarize", "gpt-4o", Start.AddHours(-3));
        var second = Commit("summarize", "gpt-4o-mini", Start.AddHours(-2));
        _watched.Results.WriteFile($"{first[..7]}/summarize_results.json", """{"metrics": {"faithfulness": 0.82, "relevance": 0.9, "latency_ms": {"value": 930, "direction": "lower"}}}""");
        // faithfulness drops by 0.11 (beyond 0.01); relevance by 0.005 (within); latency rises by 70 ms (lower is better: beyond).
        _watched.Results.WriteFile($"{second[..7]}/summarize_results.json", """{"metrics": {"faithfulness": 0.71, "relevance": 0.895, "latency_ms": {"value": 1000, "direction": "lower"}}}""");
        using var host = CreateHost(out var engine, out var monitor);

        Assert.True((await monitor.RefreshAsync()).Ok);
        await monitor.RefreshResultsAsync();

        var firing = await Eventually.GetAsync(
            () => engine.GetAlertsAsync(new AlertQuery(State: AlertState.Firing, Rule: "score_regression")).AsTask(),
            a => a.Count == 2,
            "two firing score_regression alerts");
        var faithfulness = Assert.Single(firing, static a => a.Labels["metric"] == "faithfulness");
        Assert.Equal("prompts", faithfulness.Labels["repository"]);
        Assert.Equal("prod", faithfulness.Labels["environment"]);
        Assert.Equal("summarize", faithfulness.Labels["use_case"]);
        Assert.Equal(AlertSeverity.Warning, faithfulness.Severity);
        Assert.Contains($"summarize: faithfulness 0.82 -> 0.71 after {second[..7]}", faithfulness.Summary, StringComparison.Ordinal);
        Assert.Contains(firing, static a => a.Labels["metric"] == "latency_ms");

        // Listings and refreshes that find nothing new publish nothing again.
        var events = (await engine.GetAlertsAsync(new AlertQuery(State: AlertState.Firing, Rule: "score_regression"))).Sum(static a => a.Breaches);
        for (var i = 0; i < 3; i++)
        {
            await monitor.RefreshResultsAsync();
            Assert.True((await monitor.RefreshAsync()).Ok);
        }

        Assert.Equal(events, (await engine.GetAlertsAsync(new AlertQuery(State: AlertState.Firing, Rule: "score_regression"))).Sum(static a => a.Breaches));
        await engine.StopAsync(CancellationToken.None);
    }

    private IHost CreateHost(out AlertEngine engine, out PromptWatchMonitor monitor) => _watched.CreateHost(out engine, out monitor);

    private string Commit(string useCase, string model, DateTimeOffset when) => _watched.Commit("chart/values-prod.yaml", useCase, model, when);

    public void Dispose() => _watched.Dispose();
}
