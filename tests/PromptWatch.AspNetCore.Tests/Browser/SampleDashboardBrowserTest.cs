using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// A browser test of the sample web host's dashboard: the host on a loopback port watching a repository with one use
/// case (test/summarize) and the <see cref="Settings"/> of the test, Debian's Chromium, and the page opened after the
/// first scan has ended.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public abstract class SampleDashboardBrowserTest : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Settings of the host beyond those of <see cref="PromptWatchHost"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _host = new PromptWatchHost(_repository.Path, settings: Settings);
        _host.UseKestrel(0);
        _host.StartServer();
        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    /// <summary>Refreshes the repository (the first scan has ended before the page asks), then opens the dashboard at 1280 by 900.</summary>
    protected async Task<IPage> OpenAfterScanAsync()
    {
        using (var client = new HttpClient { BaseAddress = _host!.ClientOptions.BaseAddress })
        {
            using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
            refresh.EnsureSuccessStatusCode();
        }

        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(_host.ClientOptions.BaseAddress.ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
    }
}
