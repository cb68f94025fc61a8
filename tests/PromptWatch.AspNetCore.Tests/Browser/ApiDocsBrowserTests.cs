using System.Collections.Concurrent;
using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>The interactive API documentation at <c>/docs</c> in a real browser, offline: every request stays on the host.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class ApiDocsBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseAddress = string.Empty;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _host = new PromptWatchHost(_repository.Path);
        _host.UseKestrel(0);
        _host.StartServer();
        _baseAddress = _host.ClientOptions.BaseAddress.ToString();

        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Fact]
    public async Task The_docs_show_the_api_and_the_changes_parameters_without_any_request_elsewhere()
    {
        var page = await _browser!.NewPageAsync();
        var elsewhere = new ConcurrentQueue<string>();
        var failed = new ConcurrentQueue<string>();
        // Anything not served by the host is refused (and recorded): the page must not need it.
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(_baseAddress, StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            elsewhere.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Enqueue($"{response.Status} {response.Url}");
        };

        await page.GotoAsync(_baseAddress + "docs");
        var changes = page.Locator(".opblock-summary-path", new PageLocatorOptions { HasTextString = "/api/changes" }).First;
        await Assertions.Expect(changes).ToBeVisibleAsync();
        await changes.ClickAsync();
        var parameters = page.Locator(".parameters .parameter__name");
        await Assertions.Expect(parameters.Filter(new LocatorFilterOptions { HasTextString = "author" }).First).ToBeVisibleAsync();
        await Assertions.Expect(parameters.Filter(new LocatorFilterOptions { HasTextString = "model" }).First).ToBeVisibleAsync();

        Assert.Empty(elsewhere);
        Assert.Empty(failed);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
    }
}
