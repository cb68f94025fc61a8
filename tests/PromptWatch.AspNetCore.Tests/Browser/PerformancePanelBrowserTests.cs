using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>The dashboard's "Slowest operations" panel in a real browser: after a scan it lists scan with its p95.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class PerformancePanelBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Chromium = "/usr/bin/chromium";
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
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the test script installs Debian's chromium package.");
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
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
