using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Alerting;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// A host whose users may read alerts but not change them (its policy answers POST with 403): the panel shows the
/// alert, and once its Acknowledge is refused, hides the buttons and says why; the alert stays firing.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class AlertsPanelPermissionBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri? _address;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(static kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddPromptWatch(options => options.Repositories.Add(new() { Name = "service", Location = _repository.Path }))
            .AddAlerting(options => options.DefaultRules = false);
        _app = builder.Build();
        _app.MapPromptWatch("/", options => options.AlertsUrl = "api/alerts");
        // Reading is allowed, changing is not.
        _app.MapPromptWatchAlerts("/").AddEndpointFilter(static (context, next) =>
            HttpMethods.IsGet(context.HttpContext.Request.Method) ? next(context) : ValueTask.FromResult<object?>(TypedResults.StatusCode(StatusCodes.Status403Forbidden)));
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Fact]
    public async Task A_refused_acknowledge_hides_the_buttons_and_the_alert_stays_firing()
    {
        var manager = _app!.Services.GetRequiredService<IAlertManager>();
        await manager.SaveRuleAsync(new AlertRule { Name = "ci-failed", Severity = AlertSeverity.Error, Event = new EventCondition { Kind = AlertEventKinds.BuildFailure } });
        using var client = new HttpClient { BaseAddress = _address };
        var id = (await AlertApi.FireAsync(_app.Services.GetRequiredService<IAlertEventPublisher>(), client, "ci-failed", AlertEventKinds.BuildFailure)).GetProperty("id").GetString()!;

        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(_address!.ToString());
        var alert = page.GetByTestId("alerts").Locator($"[data-alert-id=\"{id}\"]");
        await Assertions.Expect(alert.GetByTestId("alert-state")).ToHaveTextAsync("firing");

        await alert.GetByTestId("alert-acknowledge").ClickAsync();

        await Assertions.Expect(page.GetByTestId("alerts-note")).ToContainTextAsync("not acknowledge or resolve");
        await Assertions.Expect(page.GetByTestId("alert-acknowledge")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("alert-resolve")).ToHaveCountAsync(0);
        await Assertions.Expect(alert.GetByTestId("alert-state")).ToHaveTextAsync("firing");
        Assert.Equal(AlertState.Firing, (await manager.GetAlertAsync(id))!.State);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _repository.Dispose();
    }
}
