using Microsoft.Playwright;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Alerting;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// The dashboard's Alerts panel in a real browser, on the sample's real engine: "No alerts" at first; an alert that fires
/// while the page is open shows with its severity, rule and summary, and its Acknowledge button acknowledges it, in the
/// panel and in the API, on a desktop and on a phone.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class AlertsPanelBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _host = AlertApi.Host(_repository.Path);
        _host.UseKestrel(0);
        _host.StartServer();
        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_firing_alert_shows_and_its_acknowledge_button_acknowledges_it(int width, int height)
    {
        using var client = new HttpClient { BaseAddress = _host!.ClientOptions.BaseAddress };
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(_host.ClientOptions.BaseAddress.ToString());
        await Assertions.Expect(page.GetByTestId("alerts-empty")).ToHaveTextAsync("No alerts");

        // The page is open when the alert fires: the panel's timer brings it in.
        await AlertApi.CreateEventRuleAsync(client, "ci-failed", AlertEventKinds.BuildFailure, severity: "critical");
        var id = (await AlertApi.FireAsync(_host, client, "ci-failed", AlertEventKinds.BuildFailure)).GetProperty("id").GetString()!;
        var alert = page.GetByTestId("alerts").Locator($"[data-alert-id=\"{id}\"]");
        // The panel reloads every 15 s (sooner on a live-feed event); a busy machine may stretch a reload, so the bound is generous.
        await Assertions.Expect(alert).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(alert).ToContainTextAsync("ci-failed");
        await Assertions.Expect(alert).ToContainTextAsync("critical");
        await Assertions.Expect(alert).ToContainTextAsync("ci failed on main of service");
        await Assertions.Expect(alert.GetByTestId("alert-state")).ToHaveTextAsync("firing");
        var acknowledge = alert.GetByTestId("alert-acknowledge");
        // On a phone the button sits inside the screen's width, large enough to tap.
        var box = await acknowledge.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"The button ends at {box.X + box.Width} of {width}.");

        await acknowledge.ClickAsync();

        await Assertions.Expect(alert.GetByTestId("alert-state")).ToHaveTextAsync("acknowledged");
        await Assertions.Expect(alert.GetByTestId("alert-acknowledge")).ToHaveCountAsync(0);
        await Assertions.Expect(alert).ToContainTextAsync("acknowledged by anonymous");
        using var answer = await AlertApi.GetAsync(client, "api/alerts/" + id);
        Assert.Equal("acknowledged", answer.RootElement.GetProperty("state").GetString());
        Assert.Equal("anonymous", answer.RootElement.GetProperty("acknowledgement").GetProperty("by").GetString());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
    }
}
