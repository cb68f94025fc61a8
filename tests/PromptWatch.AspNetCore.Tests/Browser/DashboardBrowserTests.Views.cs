using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>The Compare view and a use case's page: opened from a card, a drift row and their addresses, by keyboard, at 375 px.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed partial class DashboardBrowserTests
#pragma warning restore CA1001
{
    [Fact]
    public async Task A_cards_compare_menu_opens_the_previous_version_by_keyboard_and_Escape_returns_to_the_card()
    {
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress);
        var edit = page.Locator("[data-testid=change-card][data-env=test][data-usecase=summarize][data-kind=changed]");
        await Assertions.Expect(edit).ToHaveCountAsync(1);

        var button = edit.GetByTestId("compare-with");
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        var menu = edit.GetByTestId("compare-menu");
        await Assertions.Expect(menu.GetByTestId("compare-env")).ToHaveTextAsync("prod: current version");
        // Escape closes the menu and leaves the focus on its button; Enter opens it again and Tab reaches its first link.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(menu.GetByTestId("compare-previous")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        var view = page.GetByTestId("view");
        await Assertions.Expect(view).ToBeVisibleAsync();
        Assert.Matches("#compare/summarize/test%40[0-9a-f]{40}/test%40[0-9a-f]{40}$", page.Url);
        await Assertions.Expect(view.Locator("h2")).ToHaveTextAsync("Compare summarize");
        await Assertions.Expect(view.Locator("h2")).ToBeFocusedAsync();
        await Assertions.Expect(view.GetByTestId("compare-count")).ToHaveTextAsync("2 fields differ: prompt, temperature");
        await Assertions.Expect(view.Locator("[data-testid=compare-fields] tr[data-field=temperature]")).ToContainTextAsync("0.3");
        var diff = view.GetByTestId("diff");
        await Assertions.Expect(diff).ToContainTextAsync("Keep names and numbers exact.");
        await Assertions.Expect(diff).ToContainTextAsync("Be brief.");
        await Assertions.Expect(page.GetByTestId("changes")).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(view).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("change-card")).ToHaveCountAsync(5);
        await Assertions.Expect(button).ToBeFocusedAsync();
        Assert.DoesNotContain("#compare", page.Url, StringComparison.Ordinal);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task The_compare_view_opens_from_its_address_and_its_pickers_change_both_the_comparison_and_the_address()
    {
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress + "#compare/summarize/prod/test");
        var view = page.GetByTestId("view");
        await Assertions.Expect(view.GetByTestId("compare-count")).ToHaveTextAsync("2 fields differ: prompt, temperature");
        await Assertions.Expect(view.GetByTestId("compare-from")).ToHaveValueAsync("prod");

        // The first test version is the one promoted to prod: picking it makes the two sides equal.
        var first = await view.Locator("[data-testid=compare-to] option[value^='test@']").Last.GetAttributeAsync("value");
        Assert.NotNull(first);
        await view.GetByTestId("compare-to").SelectOptionAsync(first);
        await Assertions.Expect(view.GetByTestId("compare-count")).ToHaveTextAsync("No differences: the two versions are equal.");
        await Assertions.Expect(view.GetByTestId("diff")).ToHaveCountAsync(0);
        Assert.EndsWith("#compare/summarize/prod/" + Uri.EscapeDataString(first), page.Url, StringComparison.Ordinal);

        // Swap: the address and the pickers follow.
        await view.GetByTestId("compare-swap").ClickAsync();
        await Assertions.Expect(view.GetByTestId("compare-from")).ToHaveValueAsync(first);
        await Assertions.Expect(view.GetByTestId("compare-to")).ToHaveValueAsync("prod");

        // The Close button goes back to the timeline.
        await view.GetByTestId("view-close").ClickAsync();
        await Assertions.Expect(view).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("change-card")).ToHaveCountAsync(5);

        // A card's "Pick a version…" opens the view without its second side and gives the second picker the focus.
        var card = page.Locator("[data-testid=change-card][data-env=prod][data-usecase=classify]");
        await card.GetByTestId("compare-with").ClickAsync();
        await card.GetByTestId("compare-pick").ClickAsync();
        await Assertions.Expect(view.GetByTestId("compare-hint")).ToBeVisibleAsync();
        await Assertions.Expect(view.GetByTestId("compare-to")).ToBeFocusedAsync();
        await view.GetByTestId("compare-to").SelectOptionAsync("test");
        await Assertions.Expect(view.GetByTestId("compare-count")).ToHaveTextAsync("1 field differs: enabled");
        await Assertions.Expect(view.Locator("[data-testid=compare-fields] tr[data-field=enabled]")).ToContainTextAsync("disabled");
        Assert.Empty(_consoleErrors);

        // An unknown version is the API's 404, shown in the view.
        await page.GotoAsync(_baseAddress + "#compare/summarize/prod/staging");
        await Assertions.Expect(view.GetByTestId("view-error")).ToContainTextAsync("'staging'");
    }

    [Fact]
    public async Task A_use_cases_page_tells_its_story_with_promotions_filters_them_and_compares_a_version_with_its_predecessor()
    {
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress + "#drift");
        var summarize = page.GetByTestId("drift").Locator("[data-testid=drift-usecase][data-usecase=summarize]");
        await summarize.Locator("[data-testid=drift-story]", new() { HasTextString = "Story in prod" }).ClickAsync();

        var view = page.GetByTestId("view");
        await Assertions.Expect(view.Locator("h2")).ToHaveTextAsync("summarize in prod");
        await Assertions.Expect(view.GetByTestId("story-version")).ToHaveCountAsync(1);
        await Assertions.Expect(view.GetByTestId("story-promotion")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^promoted from test at [0-9a-f]{7}, \\d+ (?:minute|hour|day)s?(?: \\d+ (?:minute|hour)s?)? after it appeared there$"));
        await Assertions.Expect(view.GetByTestId("story-lead")).ToContainTextAsync("1 promotion: lead time median");

        // Test's story: two versions, no promotion; the filter hides those that are not promotions.
        await page.GotoAsync(_baseAddress + "#usecase/test/summarize");
        await Assertions.Expect(view.Locator("h2")).ToHaveTextAsync("summarize in test");
        await Assertions.Expect(view.GetByTestId("story-version")).ToHaveCountAsync(2);
        await Assertions.Expect(view.GetByTestId("story-count")).ToHaveTextAsync("2 versions");
        await view.GetByTestId("story-filter").SelectOptionAsync("promotions");
        await Assertions.Expect(view.GetByTestId("story-count")).ToHaveTextAsync("0 of 2 versions");
        await Assertions.Expect(view.Locator("[data-testid=story-version]:visible")).ToHaveCountAsync(0);
        await view.GetByTestId("story-filter").SelectOptionAsync("");

        // Only the later version has a predecessor; its link opens the Compare view on the two.
        var compare = view.GetByTestId("story-compare");
        await Assertions.Expect(compare).ToHaveCountAsync(1);
        await compare.ClickAsync();
        await Assertions.Expect(view.GetByTestId("compare-count")).ToHaveTextAsync("2 fields differ: prompt, temperature");
        await Assertions.Expect(view.GetByTestId("diff")).ToContainTextAsync("Keep names and numbers exact.");

        // The browser's Back returns to the story.
        await page.GoBackAsync();
        await Assertions.Expect(view.Locator("h2")).ToHaveTextAsync("summarize in test");

        // From a card: its Story link.
        await page.GotoAsync(_baseAddress);
        await page.Locator("[data-testid=change-card][data-env=prod][data-usecase=classify]").GetByTestId("story-link").ClickAsync();
        await Assertions.Expect(view.Locator("h2")).ToHaveTextAsync("classify in prod");
        await Assertions.Expect(view.GetByTestId("story-version")).ToHaveCountAsync(1);
        Assert.Empty(_consoleErrors);

        // An unknown use case is the API's 404, named in the view.
        await page.GotoAsync(_baseAddress + "#usecase/prod/translate");
        await Assertions.Expect(view.GetByTestId("view-error")).ToContainTextAsync("translate");
    }

    [Theory]
    [InlineData("#compare/summarize/prod/test", "compare")]
    [InlineData("#usecase/test/summarize", "usecase")]
    public async Task At_375_pixels_a_view_fits_the_width(string address, string name)
    {
        var page = await NewPageAsync(375, 812);
        await page.GotoAsync(_baseAddress + address);
        var view = page.GetByTestId("view");
        await Assertions.Expect(view.Locator(name == "compare" ? "[data-testid=diff]" : "[data-testid=story-version]").First).ToBeVisibleAsync();
        var box = await view.BoundingBoxAsync();
        Assert.True(box is { Width: <= 375 }, $"The view is {box?.Width} px wide on a 375 px screen.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The page scrolls sideways at 375 px.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), $"dashboard-{name}-375.png"), FullPage = true });
        Assert.Empty(_consoleErrors);
    }
}
