using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>Cards: live and enabled markers, changed values on collapsed cards, the results count; the Activity panel's charts, alerts (time, severity, link) and size.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed partial class DashboardBrowserTests
#pragma warning restore CA1001
{
    [Fact]
    public async Task Cards_mark_the_live_version_explain_the_enabled_badge_and_show_changed_values_while_collapsed()
    {
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress);
        var cards = page.GetByTestId("change-card");
        await Assertions.Expect(cards).ToHaveCountAsync(5);

        // Four use case versions are current in their environment; the first summarize in test was replaced.
        await Assertions.Expect(page.GetByTestId("live-badge")).ToHaveCountAsync(4);
        var replaced = page.Locator("[data-testid=change-card][data-env=test][data-usecase=summarize][data-kind=added]");
        await Assertions.Expect(replaced.GetByTestId("live-badge")).ToHaveCountAsync(0);
        var edit = page.Locator("[data-testid=change-card][data-env=test][data-usecase=summarize][data-kind=changed]");
        await Assertions.Expect(edit.GetByTestId("live-badge")).ToHaveAttributeAsync("title", "This is the version live in test now: no later change of this use case there");
        var off = page.Locator("[data-testid=change-card][data-env=prod][data-usecase=classify]");
        await Assertions.Expect(off.GetByTestId("enabled-badge")).ToHaveTextAsync("disabled");
        await Assertions.Expect(off.GetByTestId("enabled-badge")).ToHaveAttributeAsync("title", "This use case is disabled in prod now");
        await Assertions.Expect(edit.GetByTestId("enabled-badge")).ToHaveAttributeAsync("title", "This use case is enabled in test now");

        // Collapsed, the edit shows what changed to what, as the command line does; the prompt by name.
        await Assertions.Expect(edit.Locator(".card-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        var chips = edit.Locator(".card-fields .chip");
        await Assertions.Expect(chips.Filter(new() { HasText = "prompt" })).ToHaveAttributeAsync("class", "chip");
        var temperature = chips.Filter(new() { HasText = "temperature" });
        await Assertions.Expect(temperature).ToHaveAttributeAsync("title", "temperature: 0.5 → 0.3");
        await Assertions.Expect(temperature.Locator(".chip-old")).ToHaveTextAsync("0.5");
        await Assertions.Expect(temperature.Locator(".chip-new")).ToHaveTextAsync("0.3");
        Assert.Equal("temperature 0.5 → 0.3", await temperature.EvaluateAsync<string>(
            "chip => [...chip.childNodes].filter(n => !(n.classList?.contains('visually-hidden'))).map(n => n.textContent).join('')"));

        // Refreshing results says what it counted.
        await page.GetByTestId("refresh-results").ClickAsync();
        await Assertions.Expect(page.Locator("#refresh-status")).ToHaveTextAsync("0 of 5 changes have evaluation results");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task The_activity_panel_has_a_time_axis_hour_tooltips_and_alerts_with_time_severity_and_link()
    {
        await ActivityPanel.PushAsync(_baseAddress, commits: 3);
        await ActivityPanel.SensitivePushesAsync(_baseAddress, 1);
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress);
        var panel = page.GetByTestId("activity");
        var commits = panel.Locator("[data-counter=commits]");
        // Three commits and the sensitive push's one.
        await Assertions.Expect(commits.Locator(".activity-value")).ToHaveTextAsync("4");

        // One group per hour of the last 24, each with a tooltip (an SVG title) of its hour and count.
        var hours = commits.Locator("g.activity-trend-hour");
        await Assertions.Expect(hours).ToHaveCountAsync(24);
        var now = hours.Last;
        Assert.EndsWith(": 4 commits", await now.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        Assert.EndsWith(": 0 commits", await hours.First.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(commits.Locator(".activity-trend-axis span")).ToHaveCountAsync(3);
        await Assertions.Expect(commits.Locator(".activity-trend-axis span").Last).ToHaveTextAsync("now");
        await Assertions.Expect(commits.Locator(".activity-trend-axis span").First).Not.ToHaveTextAsync("");
        // Hovering an empty hour shows its tooltip too: the slot takes the pointer over the whole height.
        await hours.First.Locator("rect.activity-trend-slot").HoverAsync();

        // Per repository: the watched one had no delivery; octo/app is not watched, so its pushes are the other repositories'.
        var repositories = panel.GetByTestId("activity-repository");
        await Assertions.Expect(repositories).ToHaveCountAsync(2);
        await Assertions.Expect(repositories.First.Locator("td[data-counter=commits]")).ToHaveTextAsync("0");
        await Assertions.Expect(repositories.Last.Locator("th")).ToHaveTextAsync("Other repositories");
        await Assertions.Expect(repositories.Last.Locator("td[data-counter=commits]")).ToHaveTextAsync("4");
        await Assertions.Expect(repositories.Last.Locator("td[data-counter=pushes]")).ToHaveTextAsync("2");

        var alert = panel.GetByTestId("activity-alert").First;
        await Assertions.Expect(alert.GetByTestId("activity-alert-severity")).ToHaveTextAsync("critical");
        await Assertions.Expect(alert.Locator("time.activity-alert-time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex("^2026-11-18T"));
        await Assertions.Expect(alert.Locator(".activity-alert-message")).ToHaveTextAsync("A push to main touches a sensitive file: deploy/key-0.pem.");
        var link = alert.Locator("a.activity-alert-link");
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "https://github.com/octo/app/commit/s0");
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task At_375_pixels_the_open_activity_panel_fits_one_screen_and_it_collapses()
    {
        await ActivityPanel.PushAsync(_baseAddress, commits: 3);
        await ActivityPanel.SensitivePushesAsync(_baseAddress, 5);
        var page = await NewPageAsync(375, 812);
        await page.GotoAsync(_baseAddress);
        var panel = page.GetByTestId("activity");
        await Assertions.Expect(panel.GetByTestId("activity-alert")).ToHaveCountAsync(5);
        await Assertions.Expect(panel.Locator(".activity-counter")).ToHaveCountAsync(13);

        // The table per repository starts closed on a phone, and opens.
        var byRepository = panel.GetByTestId("activity-repositories");
        await Assertions.Expect(byRepository).Not.ToHaveAttributeAsync("open", "");
        var open = await panel.BoundingBoxAsync();
        Assert.True(open is { Height: <= 812 }, $"The open panel is {open?.Height} px high on an 812 px screen.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "dashboard-activity-375.png"), FullPage = true });
        await byRepository.Locator("summary").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("activity-repository").Last.Locator("td[data-counter=commits]")).ToHaveTextAsync("8");
        var wide = await byRepository.BoundingBoxAsync();
        Assert.True(wide is { Width: <= 375 }, $"The table per repository is {wide?.Width} px wide on a 375 px screen.");

        var toggle = panel.GetByTestId("activity-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(panel.Locator(".activity-counters")).ToBeHiddenAsync();
        var closed = await panel.BoundingBoxAsync();
        Assert.True(closed is { Height: < 120 }, $"The closed panel is {closed?.Height} px high.");

        // Closed it stays, after a reload too; and opens again.
        await page.ReloadAsync();
        await Assertions.Expect(panel.GetByTestId("activity-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(panel.Locator(".activity-counters")).ToBeHiddenAsync();
        await panel.GetByTestId("activity-toggle").ClickAsync();
        await Assertions.Expect(panel.Locator(".activity-counters")).ToBeVisibleAsync();

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var clientWidth = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        Assert.True(scrollWidth <= clientWidth, $"The page is {scrollWidth} px wide in a {clientWidth} px viewport.");
        Assert.Empty(_consoleErrors);
    }
}
