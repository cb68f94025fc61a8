using Microsoft.Playwright;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// The dashboard's empty state in a real browser: without a filter it names the watched files, whether each exists at
/// the tip and how to watch others; "No changes match these filters" only once a filter is set.
/// </summary>
public sealed class EmptyStateBrowserTests : SampleDashboardBrowserTest
{
    // Files this repository does not have: the mistake a new user makes.
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PromptWatch:Repositories:0:Files:chart/values-staging.yaml"] = "staging",
    };

    [Fact]
    public async Task Without_filters_the_empty_state_names_the_missing_watched_files_and_with_one_it_says_none_match()
    {
        var page = await OpenAfterScanAsync();

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
}
