using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>A workspace's dashboard in a real browser (Debian's Chromium, driven by Playwright), under both route families.</summary>
[Collection(GitServerGroup.Name)]
public sealed class WorkspaceDashboardBrowserTests(GitHttpServer server)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Each_users_dashboard_shows_that_users_changes_under_both_routes_without_console_errors()
    {
        var cluster = $"c{Guid.NewGuid():N}"[..9] + ".apps.test";
        using var first = new WatchedRepository();
        first.Set("prod", "summarize", "gpt-4o", "Summarize for user one.", message: "user one: summarize in prod");
        first.Set("test", "summarize", "gpt-4o-mini", "Summarize for user one, test.", message: "user one: summarize in test");
        using var second = new WatchedRepository();
        second.Set("prod", "translate", "claude", "Translate for user two.", message: "user two: translate");
        var firstPassword = server.PublishWithNewPassword(cluster, "user11", first);
        var secondPassword = server.PublishWithNewPassword(cluster, "user12", second);
        using var cache = new TemporaryFolder();
        var settings = WorkspaceHost.Settings(server, cache.Path);
        settings["PromptWatch:Workspaces:DefaultCluster"] = cluster;
        settings["PromptWatch:Workspaces:Credentials:user11:GitPassword"] = firstPassword;
        settings["PromptWatch:Workspaces:Credentials:user12:GitPassword"] = secondPassword;
        await using var host = await WorkspaceHost.StartAsync(settings);

        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the test script installs Debian's chromium package.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var errors = new List<string>();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        var cards = page.GetByTestId("change-card");

        // The first visit creates the workspace; the page fills in when its first scan is done.
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, $"user11/{cluster}/").AbsoluteUri);
        await Assertions.Expect(cards).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("user one: summarize in test");
        // The changes of a first scan are not announced as new ones.
        await Assertions.Expect(page.GetByTestId("new-changes")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("user two");

        // The legacy route (the default cluster) is the same workspace.
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, "user11/").AbsoluteUri);
        await Assertions.Expect(cards).ToHaveCountAsync(2, new() { Timeout = 60_000 });

        await page.GotoAsync(new Uri(host.Client.BaseAddress!, $"user12/{cluster}/").AbsoluteUri);
        await Assertions.Expect(cards).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(cards.First).ToContainTextAsync("user two: translate");
        await Assertions.Expect(page.GetByTestId("new-changes")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("user one");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "workspace-dashboard-1280.png"), FullPage = true });

        Assert.Equal(2, host.Manager.CreatedCount);
        Assert.Empty(errors);
    }
}
