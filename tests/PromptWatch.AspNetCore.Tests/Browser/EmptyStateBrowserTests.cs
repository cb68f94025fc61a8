using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// The dashboard's empty state in a real browser: without a filter it names the watched files, whether each exists at
/// the tip and how to watch others; "No changes match these filters" only once a filter is set.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class EmptyStateBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        // Files this repository does not have: the mistake a new user makes.
        _host = new PromptWatchHost(_repository.Path, settings: new Dictionary<string, string>
        {
            ["PromptWatch:Repositories:0:Files:chart/values-staging.yaml"] = "staging",
        });
        _host.UseKestrel(0);
        _host.StartServer();
        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Fact]
    public async Task Without_filters_the_empty_state_names_the_missing_watched_files_and_with_one_it_says_none_match()
    {
        // The first scan has ended before the page asks.
        using (var client = new HttpClient { BaseAddress = _host!.ClientOptions.BaseAddress })
        {
            using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
            refresh.EnsureSuccessStatusCode();
        }

        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(_host!.ClientOptions.BaseAddress.ToString());

        var empty = page.Locator("#empty-state");
        await Assertions.Expect(empty).ToBeVisibleAsync();
        await Assertions.Expect(empty.Locator(".state-title")).ToHaveTextAsync("No changes yet");
        await Assertions.Expect(empty.Locator("#empty-text")).ToHaveTextAsync(
            "None of the watched files exist at the tip of main: watched chart/values-staging.yaml (missing); set GIT_WATCHED_FILES or PromptWatch:Repositories:0:Files.");
        await Assertions.Expect(page.Locator("#empty-clear")).ToBeHiddenAsync();

        await page.GetByTestId("filter-q").FillAsync("summarize");
        await Assertions.Expect(empty.Locator(".state-title")).ToHaveTextAsync("No changes match these filters");
        await Assertions.Expect(page.Locator("#empty-clear")).ToBeVisibleAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
    }
}
