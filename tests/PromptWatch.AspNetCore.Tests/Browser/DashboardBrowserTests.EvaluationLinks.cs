using System.Text.Json;
using Microsoft.Playwright;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>An opened card's evaluation links each open something different: never the same report behind several links.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed partial class DashboardBrowserTests
#pragma warning restore CA1001
{
    [Fact]
    public async Task A_cards_evaluation_links_open_distinct_pages()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseAddress) };
        using var history = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/usecases/test/summarize/history", UriKind.Relative)));
        var sha = history.RootElement.GetProperty("versions").EnumerateArray().Last().GetProperty("commit_sha").GetString()!;
        var folder = Path.Combine(_results.Path, sha[..7]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summarize_results.html"), "<html><body><h1>summarize report</h1></body></html>");
        using var refreshed = await client.PostAsync(new Uri("api/s3-refresh", UriKind.Relative), null);
        Assert.True(refreshed.IsSuccessStatusCode, $"results refresh: {(int)refreshed.StatusCode}");

        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress);
        var card = page.Locator($"[data-testid=change-card][data-sha='{sha}'][data-env=test][data-usecase=summarize]");
        await Assertions.Expect(card.GetByText("eval results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await card.Locator(".card-title button").ClickAsync();
        var links = card.Locator(".section-eval a");
        await Assertions.Expect(links.First).ToBeVisibleAsync();

        // Where each link ends up once redirects are followed, and what it shows.
        var opened = await links.EvaluateAllAsync<string[][]>(
            "async links => Promise.all(links.map(async a => { const r = await fetch(a.href); return [a.textContent, r.url, String(r.status)]; }))");
        Assert.All(opened, static o => Assert.Equal("200", o[2]));
        Assert.Equal(opened.Length, opened.Select(static o => o[1]).Distinct(StringComparer.Ordinal).Count());
        var report = Assert.Single(opened);
        Assert.Contains("summarize", report[0], StringComparison.Ordinal);
        Assert.Contains($"/eval/{sha}/summarize?key=", report[1], StringComparison.Ordinal);
        Assert.Empty(_consoleErrors);
    }
}
