using System.Text.Json;
using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>A refresh that fails shows its error once in the dashboard: with the repository, not again by the button.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class RefreshErrorBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.", message: "Add summarize");
        _host = new PromptWatchHost(_repository.Path);
        _host.UseKestrel(0);
        _host.StartServer();
        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Fact]
    public async Task A_failed_refresh_shows_its_error_once()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(_host!.ClientOptions.BaseAddress.ToString());
        await Assertions.Expect(page.GetByTestId("change-card")).ToHaveCountAsync(1);

        var moved = _repository.Path + "-moved";
        Directory.Move(_repository.Path, moved);
        try
        {
            await page.Locator("#refresh").ClickAsync();
            await Assertions.Expect(page.Locator("#refresh-status")).ToContainTextAsync("Refresh failed");
            await Assertions.Expect(page.Locator("#repo-status")).ToContainTextAsync("Last scan failed");

            using var client = _host.CreateClient();
            using var repositories = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/repositories", UriKind.Relative)));
            var error = repositories.RootElement[0].GetProperty("last_error").GetString()!.Split('\n')[0];
            var text = await page.Locator("body").InnerTextAsync();
            Assert.Equal(1, Occurrences(text, error));
        }
        finally
        {
            Directory.Move(moved, _repository.Path);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
