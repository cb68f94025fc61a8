using Microsoft.Playwright;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>Debian's Chromium (installed by the test script), driven headless by Playwright, as every browser test starts it.</summary>
internal static class LocalChromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: the test script installs Debian's chromium package.");
        // Expectations retry until they hold; Playwright's 5 s default is too short for a page that a busy two-core
        // machine loads and renders while other test projects run, so they wait up to 30 s ("does not hang").
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// A page in a context of its own with the given viewport and a 60 s default timeout, whose console errors and
    /// uncaught page errors are added to <paramref name="errors"/> (tests assert it stays empty).
    /// </summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, int width, int height, List<string> errors)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        return page;
    }
}
