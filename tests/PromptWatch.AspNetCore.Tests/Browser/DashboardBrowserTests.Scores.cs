using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>A use case's page draws its score series: a chart per metric with a point per evaluated version, the regression marked, the values in a table.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed partial class DashboardBrowserTests
#pragma warning restore CA1001
{
    [Fact]
    public async Task A_use_cases_page_draws_a_chart_per_metric_with_the_regression_marked_and_the_values_in_a_table()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseAddress) };
        using var history = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/usecases/test/summarize/history", UriKind.Relative)));
        var shas = history.RootElement.GetProperty("versions").EnumerateArray().Select(static v => v.GetProperty("commit_sha").GetString()!).ToList();
        Assert.Equal(2, shas.Count);
        // faithfulness drops from 0.82 to 0.71 (a regression); latency_ms, lower is better, improves.
        File.WriteAllText(ScoreFile(shas[0]), """{"metrics": {"faithfulness": 0.82, "latency_ms": {"value": 930, "direction": "lower"}}}""");
        File.WriteAllText(ScoreFile(shas[1]), """{"metrics": {"faithfulness": 0.71, "latency_ms": {"value": 900, "direction": "lower"}}}""");
        using var refreshed = await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null);
        Assert.True(refreshed.IsSuccessStatusCode, $"results refresh: {(int)refreshed.StatusCode}");

        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress + "#usecase/test/summarize");
        var series = page.GetByTestId("score-series");
        await Assertions.Expect(series.GetByTestId("score-metric")).ToHaveCountAsync(2);
        var faithfulness = series.Locator("[data-testid=score-metric][data-metric=faithfulness]");
        await Assertions.Expect(faithfulness.Locator("figcaption")).ToHaveTextAsync("faithfulness (higher is better)");
        await Assertions.Expect(faithfulness.GetByTestId("score-point")).ToHaveCountAsync(2);
        await Assertions.Expect(faithfulness.Locator("circle.is-regressed")).ToHaveCountAsync(1);
        await Assertions.Expect(faithfulness.Locator("svg")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^faithfulness: 2 evaluated versions, from 0.82 to 0.71"));
        var latency = series.Locator("[data-testid=score-metric][data-metric=latency_ms]");
        await Assertions.Expect(latency.Locator("figcaption")).ToHaveTextAsync("latency_ms (lower is better)");
        await Assertions.Expect(latency.Locator("circle.is-regressed")).ToHaveCountAsync(0);

        // The values behind "Values", by keyboard.
        await faithfulness.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var rows = faithfulness.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("0.71 (regressed)");

        // The timeline's card of the latest test version has a badge per score, the regression marked; the drift row shows
        // test's scores beside its evaluation state.
        await page.Keyboard.PressAsync("Escape");
        var card = page.Locator("[data-testid=change-card][data-env=test][data-usecase=summarize][data-kind=changed]");
        var badge = card.Locator("[data-testid=score-badge][data-metric=faithfulness]");
        await Assertions.Expect(badge).ToContainTextAsync("faithfulness 0.71");
        await Assertions.Expect(badge).ToContainTextAsync("regressed");
        await Assertions.Expect(badge).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^faithfulness: 0.82 → 0.71 \\(higher is better\\), a regression$"));
        await Assertions.Expect(card.Locator("[data-testid=score-badge][data-metric=latency_ms]")).Not.ToContainTextAsync("regressed");
        await page.GotoAsync(_baseAddress + "#drift-summarize");
        await Assertions.Expect(page.Locator("[data-testid=drift-usecase][data-usecase=summarize] [data-testid=drift-scores]")).ToContainTextAsync("faithfulness 0.71");

        await page.GotoAsync(_baseAddress + "#usecase/test/summarize");
        await Assertions.Expect(page.GetByTestId("score-series")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(375, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The page scrolls sideways at 375 px.");
        Assert.Empty(_consoleErrors);
    }

    private string ScoreFile(string sha)
    {
        var folder = Path.Combine(_results.Path, sha[..7]);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "summarize_results.json");
    }
}
