using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>The Drift panel: what differs between test and prod now, addressable by URL, usable by keyboard, at 375 px.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed partial class DashboardBrowserTests
#pragma warning restore CA1001
{
    [Fact]
    public async Task The_drift_panel_opens_from_its_address_and_shows_each_use_cases_difference_lag_and_diff()
    {
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress + "#drift");
        var panel = page.GetByTestId("drift");
        await Assertions.Expect(panel.GetByTestId("drift-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(panel.GetByTestId("drift-summary")).ToHaveTextAsync("0 equal, 2 differing");
        var summarize = panel.Locator("[data-testid=drift-usecase][data-usecase=summarize]");
        await Assertions.Expect(summarize.GetByTestId("drift-state")).ToHaveTextAsync("differs: prompt, temperature");
        await Assertions.Expect(summarize.GetByTestId("drift-lag")).ToContainTextAsync("prod is 1 change behind since");
        var classify = panel.Locator("[data-testid=drift-usecase][data-usecase=classify]");
        await Assertions.Expect(classify.GetByTestId("drift-state")).ToHaveTextAsync("differs: enabled");
        await Assertions.Expect(classify.GetByTestId("drift-lag")).ToContainTextAsync("test is 1 change behind since");
        await Assertions.Expect(classify.GetByTestId("drift-diff-toggle")).ToHaveCountAsync(0);

        // By keyboard: the diff toggle takes the focus and Enter opens the prompt's diff from test to prod.
        var toggle = summarize.GetByTestId("drift-diff-toggle");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(summarize.GetByTestId("diff")).ToContainTextAsync("Keep names and numbers exact.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "dashboard-drift.png"), FullPage = true });

        // A use case's own address opens its diff at once; the toggle closes the panel, and it stays closed.
        var direct = await NewPageAsync(1280, 900);
        await direct.GotoAsync(_baseAddress + "#drift-summarize");
        await Assertions.Expect(direct.Locator("[data-usecase=summarize]").GetByTestId("diff")).ToBeVisibleAsync();
        await direct.GetByTestId("drift-toggle").ClickAsync();
        await Assertions.Expect(direct.Locator(".drift-body")).ToBeHiddenAsync();
        await direct.GotoAsync(_baseAddress);
        await direct.ReloadAsync();
        await Assertions.Expect(direct.GetByTestId("drift-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task At_375_pixels_the_open_drift_panel_fits_the_width()
    {
        var page = await NewPageAsync(375, 812);
        await page.GotoAsync(_baseAddress + "#drift-summarize");
        var panel = page.GetByTestId("drift");
        await Assertions.Expect(panel.Locator("[data-usecase=summarize]").GetByTestId("diff")).ToBeVisibleAsync();
        var box = await panel.BoundingBoxAsync();
        Assert.True(box is { Width: <= 375 }, $"The drift panel is {box?.Width} px wide on a 375 px screen.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The page scrolls sideways at 375 px.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "dashboard-drift-375.png"), FullPage = true });
        Assert.Empty(_consoleErrors);
    }
}
