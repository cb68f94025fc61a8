using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>The dashboard's "Slowest operations" panel in a real browser: after a scan it lists scan with its p95.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class PerformancePanelBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _host = new PromptWatchHost(_repository.Path);
        _host.UseKestrel(0);
        _host.StartServer();
        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Fact]
    public async Task After_a_scan_the_panel_lists_scan_with_its_p95()
    {
        using (var client = new HttpClient { BaseAddress = _host!.ClientOptions.BaseAddress })
        {
            using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
            refresh.EnsureSuccessStatusCode();
        }

        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(_host!.ClientOptions.BaseAddress.ToString());

        var panel = page.GetByTestId("performance");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("Slowest operations");
        var scan = panel.Locator("tbody tr").Filter(new LocatorFilterOptions { Has = page.Locator("th", new PageLocatorOptions { HasTextString = "scan" }) }).First;
        await Assertions.Expect(scan.Locator("td").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9.]+ m?s$"));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
    }
}
