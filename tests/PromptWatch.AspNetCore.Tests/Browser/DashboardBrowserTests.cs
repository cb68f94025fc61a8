using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>The dashboard in a real browser (Debian's Chromium, driven by Playwright) against the sample host on Kestrel.</summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed partial class DashboardBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private readonly PromptWatch.Tests.Support.TemporaryFolder _results = new();
    private readonly List<string> _consoleErrors = [];
    private PromptWatchHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseAddress = string.Empty;

    public async Task InitializeAsync()
    {
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.\nBe brief.", message: "Add summarize");
        _repository.Set("test", "classify", "llama-3.1-8b", "Classify the ticket.", message: "Add classify");
        _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.\nBe brief.", message: "Promote summarize");
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.\nKeep names and numbers exact.", temperature: 0.3, message: "summarize: keep numbers exact");
        _repository.Set("prod", "classify", "llama-3.1-8b", "Classify the ticket.", enabled: false, message: "prod: classify stays off");

        // A (still empty) results folder: the dashboard then shows its results controls too.
        // The activity panel's week and hour come from the host's clock: a Wednesday noon, so that a run crossing an hour's
        // end or Monday 00:00 UTC still finds the pushes of this test in this week and this hour.
        _host = new PromptWatchHost(
            _repository.Path,
            pollInterval: TimeSpan.FromSeconds(1),
            resultsDirectory: _results.Path,
            configureServices: static services => services.AddSingleton<TimeProvider>(new MidWeekClock()),
            settings: new Dictionary<string, string> { ["GITHUB_WEBHOOK_SECRET"] = ActivityPanel.Secret });
        _host.UseKestrel(0);
        _host.StartServer();
        _baseAddress = _host.ClientOptions.BaseAddress.ToString();

        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Fact]
    public async Task Cards_filters_diffs_and_live_updates_work_without_console_errors()
    {
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress);
        var cards = page.GetByTestId("change-card");
        await Assertions.Expect(cards).ToHaveCountAsync(5);
        await Assertions.Expect(cards.First).ToHaveAttributeAsync("data-env", "prod");
        await Assertions.Expect(cards.First).ToContainTextAsync("prod: classify stays off");

        // The environment filter's options come from the data and filter the cards.
        await page.GetByTestId("filter-env").SelectOptionAsync("prod");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        foreach (var card in await cards.AllAsync()) await Assertions.Expect(card).ToHaveAttributeAsync("data-env", "prod");
        await page.GetByTestId("filter-env").SelectOptionAsync("");
        await Assertions.Expect(cards).ToHaveCountAsync(5);

        // Open the prompt edit and its side-by-side diff.
        var edit = page.Locator("[data-testid=change-card][data-env=test][data-usecase=summarize]").First;
        await edit.Locator(".card-title button").ClickAsync();
        await edit.GetByTestId("diff-toggle").ClickAsync();
        var diff = edit.GetByTestId("diff");
        await Assertions.Expect(diff).ToBeVisibleAsync();
        await Assertions.Expect(diff).ToContainTextAsync("Keep names and numbers exact.");
        await Assertions.Expect(diff).ToContainTextAsync("Be brief.");
        await Assertions.Expect(edit).ToContainTextAsync("0.5");
        await Assertions.Expect(edit).ToContainTextAsync("0.3");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "dashboard-1280.png"), FullPage = true });

        // A commit made while the page is open appears without a reload.
        var sha = _repository.Set("prod", "summarize", "gpt-4.1-mini", "Summarize the text.\nBe brief.", message: "prod: summarize on 4.1");
        await Assertions.Expect(page.Locator($"[data-testid=change-card][data-sha='{sha}']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(cards).ToHaveCountAsync(6);

        Assert.Empty(_consoleErrors);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_change_published_before_live_updates_start_is_shown(bool streamFails)
    {
        // The page's event stream is held until a scan has published a new change, so that change's event goes to no
        // one. Then either the stream connects (its first message, the version it follows, must be enough for the page
        // to catch up) or it fails (the page polls, and its first poll must catch up).
        var page = await NewPageAsync(1280, 900);
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/events", async route =>
        {
            await published.Task;
            if (streamFails) await route.AbortAsync();
            else await route.ContinueAsync();
        });
        await page.GotoAsync(_baseAddress);
        var cards = page.GetByTestId("change-card");
        await Assertions.Expect(cards).ToHaveCountAsync(5);

        var sha = _repository.Set("prod", "summarize", "gpt-4.1-mini", "Summarize the text.\nBe brief.", message: "prod: summarize on 4.1");
        await WaitUntilServedAsync(6);
        published.SetResult();

        await Assertions.Expect(page.Locator($"[data-testid=change-card][data-sha='{sha}']")).ToHaveCountAsync(1);
        await Assertions.Expect(cards).ToHaveCountAsync(6);
        // An aborted stream is a failed request, which the browser reports on its console.
        if (!streamFails) Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task A_375_pixel_viewport_has_no_horizontal_scroll()
    {
        var page = await NewPageAsync(375, 812);
        await page.GotoAsync(_baseAddress);
        await Assertions.Expect(page.GetByTestId("change-card")).ToHaveCountAsync(5);
        var edit = page.Locator("[data-testid=change-card][data-env=test][data-usecase=summarize]").First;
        await edit.Locator(".card-title button").ClickAsync();
        await edit.GetByTestId("diff-toggle").ClickAsync();
        await Assertions.Expect(edit.GetByTestId("diff")).ToBeVisibleAsync();

        // Both header buttons fit without squeezing the name onto two lines.
        await Assertions.Expect(page.GetByTestId("refresh-results")).ToBeVisibleAsync();
        var name = await page.Locator(".brand-name").BoundingBoxAsync();
        Assert.True(name is { Height: < 40 }, $"The product name wraps: {name?.Height} px high.");

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var clientWidth = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        Assert.True(scrollWidth <= clientWidth, $"The page is {scrollWidth} px wide in a {clientWidth} px viewport.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "dashboard-375.png"), FullPage = true });
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task A_modified_prompt_line_shows_the_words_the_server_marks_and_the_modules_load_without_console_errors()
    {
        var sha = _repository.Set("test", "classify", "llama-3.1-8b", "Classify the support request.", message: "classify: support requests");
        var page = await NewPageAsync(1280, 900);
        var scripts = new System.Collections.Concurrent.ConcurrentQueue<(string Url, int Status, string? Type)>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "script") scripts.Enqueue((response.Url, response.Status, response.Headers.GetValueOrDefault("content-type")));
        };
        await page.GotoAsync(_baseAddress);
        // The host scans every second: the new commit's card comes with the first load or a live update.
        var card = page.Locator($"[data-testid=change-card][data-sha='{sha}']");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await card.Locator(".card-title button").ClickAsync();
        await card.GetByTestId("diff-toggle").ClickAsync();
        var row = card.Locator(".diff-row.row-modified");
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // The marked words are the server's pieces (the page has no word diff of its own).
        using var client = new HttpClient { BaseAddress = new Uri(_baseAddress) };
        using var change = JsonDocument.Parse(await client.GetStringAsync(new Uri($"api/changes/{sha}/test/classify", UriKind.Relative)));
        var modified = change.RootElement.GetProperty("diff").EnumerateArray().Single(static r => r.GetProperty("kind").GetString() == "modified");
        var deleted = ChangedPieces(modified.GetProperty("old_pieces"));
        var inserted = ChangedPieces(modified.GetProperty("new_pieces"));
        Assert.Equal(["ticket"], deleted);
        Assert.Equal(["support request"], inserted);
        await Assertions.Expect(row.Locator(".diff-old mark.diff-word")).ToHaveTextAsync(deleted);
        await Assertions.Expect(row.Locator(".diff-new mark.diff-word")).ToHaveTextAsync(inserted);
        await Assertions.Expect(row.Locator(".diff-text.diff-old")).ToHaveTextAsync("removed: Classify the ticket.");
        await Assertions.Expect(row.Locator(".diff-text.diff-new")).ToHaveTextAsync("added: Classify the support request.");
        // A line with little in common with its old version is marked as a whole, not word by word.
        var edit = page.Locator("[data-testid=change-card][data-env=test][data-usecase=summarize]").First;
        await edit.Locator(".card-title button").ClickAsync();
        await edit.GetByTestId("diff-toggle").ClickAsync();
        await Assertions.Expect(edit.Locator(".diff-row.row-modified .diff-text.diff-new")).ToHaveTextAsync("added: Keep names and numbers exact.");
        await Assertions.Expect(edit.Locator(".diff-row.row-modified mark")).ToHaveCountAsync(0);

        // Every module of the dashboard came as JavaScript, and nothing went to the console.
        var modules = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "PromptWatch.AspNetCore", "Dashboard"), "*.js").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(modules.Select(m => $"{_baseAddress}dashboard/{m}"), scripts.Select(static s => s.Url).Order(StringComparer.Ordinal));
        Assert.All(scripts, static s => Assert.Equal((200, "text/javascript; charset=utf-8"), (s.Status, s.Type)));
        Assert.Empty(_consoleErrors);

        // The console does show what the Content-Security-Policy refuses: an inline script is not run, and reported.
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.TrySetResult(message.Text);
        };
        await page.EvaluateAsync("() => { const script = document.createElement('script'); script.textContent = 'window.inlineRan = true'; document.head.append(script); }");
        Assert.Contains("script-src 'self'", await refused.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("() => window.inlineRan === true"));
    }

    private static string[] ChangedPieces(JsonElement pieces) =>
        [.. pieces.EnumerateArray().Where(static p => p.GetProperty("type").GetString() != "unchanged").Select(static p => p.GetProperty("text").GetString()!)];

    [Fact]
    public async Task The_activity_panel_shows_counters_and_trends_and_asks_to_sign_in_on_401()
    {
        await ActivityPanel.PushAsync(_baseAddress, commits: 3);
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync(_baseAddress);
        var panel = page.GetByTestId("activity");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("Activity this week");
        using (var http = new HttpClient { BaseAddress = new Uri(_baseAddress) })
        using (var dashboard = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/monitor/dashboard", UriKind.Relative))))
        {
            // The week of the host's clock (Monday 16 November), not of the wall clock.
            Assert.StartsWith("2026-11-16", dashboard.RootElement.GetProperty("week_start").GetString(), StringComparison.Ordinal);
        }

        var commits = panel.Locator("[data-counter=commits]");
        await Assertions.Expect(commits.Locator(".activity-value")).ToHaveTextAsync("3");
        await Assertions.Expect(panel.Locator("[data-counter=pushes] .activity-value")).ToHaveTextAsync("1");
        await Assertions.Expect(panel.Locator(".activity-counter")).ToHaveCountAsync(13);
        // The trend: an inline SVG per counter, with one bar (this hour) for commits.
        await Assertions.Expect(panel.Locator("svg.activity-trend")).ToHaveCountAsync(13);
        await Assertions.Expect(commits.Locator("rect.activity-trend-bar")).ToHaveCountAsync(1);
        await Assertions.Expect(commits.Locator("rect.activity-trend-bar")).ToHaveAttributeAsync("data-count", "3");
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "dashboard-activity.png") });
        Assert.Empty(_consoleErrors);

        // A host that requires sign-in answers 401: the panel says so.
        var locked = await NewPageAsync(1280, 900);
        await locked.RouteAsync("**/api/monitor/dashboard", route => route.FulfillAsync(new RouteFulfillOptions { Status = 401, Body = "" }));
        await locked.GotoAsync(_baseAddress);
        await Assertions.Expect(locked.GetByTestId("activity")).ToContainTextAsync("Sign in");
    }

    /// <summary>Waits until the host serves <paramref name="count"/> changes (it scans every second).</summary>
    private async Task WaitUntilServedAsync(int count)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseAddress) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var changes = JsonDocument.Parse(await client.GetStringAsync("api/changes", deadline.Token));
            if (changes.RootElement.GetArrayLength() == count) return;
            await Task.Delay(100, deadline.Token);
        }
    }

    private Task<IPage> NewPageAsync(int width, int height) => LocalChromium.NewPageAsync(_browser!, width, height, _consoleErrors);

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
        _results.Dispose();
    }
}
