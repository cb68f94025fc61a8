using System.Globalization;
using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Pipelines;
using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// The dashboard's Pipelines panel in a real browser, over a real pipeline store: the figures of the runs put in
/// (computed here from those runs), a run put in while the page is open (the live feed brings it), no panel without
/// <c>PipelinesUrl</c>, and the reason in the panel when the overview fails.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class PipelinesPanelBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const int LookbackDays = 30; // PipelineOptions.DefaultLookbackDays: the panel asks for the host's default.
    private static readonly DateTimeOffset Now = PipelineTestHost.Now;
    private readonly List<PipelineTestHost> _hosts = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await LocalChromium.LaunchAsync();

    [Fact]
    public async Task The_panel_shows_the_status_figures_active_runs_recent_runs_and_trend_of_the_store()
    {
        var host = await StartHostAsync();
        var running = Run(20, "CI", "main", Now.AddMinutes(-3), PipelineStatus.InProgress, null) with { StartedAt = Now.AddSeconds(-65), UpdatedAt = Now.AddSeconds(-5) };
        var queued = Run(21, "Deploy", "main", Now.AddSeconds(-150), PipelineStatus.Queued, null) with { StartedAt = null, UpdatedAt = Now.AddSeconds(-150) };
        List<PipelineRun> runs =
        [
            Run(1, "CI", "main", Now.AddDays(-40), PipelineStatus.Completed, PipelineConclusion.Success), // before the window
            Run(2, "CI", "main", Now.AddDays(-10), PipelineStatus.Completed, PipelineConclusion.Success),
            Run(3, "CI", "main", Now.AddDays(-8), PipelineStatus.Completed, PipelineConclusion.Failure),
            Run(4, "CI", "main", Now.AddDays(-8).AddHours(2), PipelineStatus.Completed, PipelineConclusion.TimedOut),
            Run(5, "CI", "main", Now.AddDays(-7), PipelineStatus.Completed, PipelineConclusion.Success, minutes: 7),
            Run(6, "CI", "main", Now.AddDays(-3), PipelineStatus.Completed, PipelineConclusion.Success),
            Run(7, "CI", "main", Now.AddDays(-2), PipelineStatus.Completed, PipelineConclusion.Failure, minutes: 2),
            Run(8, "CI", "main", Now.AddDays(-2).AddMinutes(90), PipelineStatus.Completed, PipelineConclusion.Success, minutes: 6),
            Run(9, "CI", "main", Now.AddDays(-1), PipelineStatus.Completed, PipelineConclusion.Success, minutes: 4),
            Run(10, "Lint", "prompt-tuning", Now.AddDays(-5), PipelineStatus.Completed, PipelineConclusion.Success, minutes: 1),
            Run(11, "Lint", "prompt-tuning", Now.AddHours(-1), PipelineStatus.Completed, PipelineConclusion.Cancelled, minutes: 1),
            running,
            queued,
        ];
        foreach (var run in runs) await host.Updater.ApplyRunAsync(run, default);

        var page = await OpenAsync(host);
        var panel = page.GetByTestId("pipelines");

        await Assertions.Expect(panel.GetByTestId("pipelines-status")).ToHaveTextAsync(ExpectedStatus(runs));
        await Assertions.Expect(panel.GetByTestId("pipelines-success-rate")).ToHaveTextAsync(ExpectedSuccessRate(runs));
        await Assertions.Expect(panel.GetByTestId("pipelines-mttr")).ToHaveTextAsync(Span(ExpectedMedianRecoverySeconds(runs)));
        await Assertions.Expect(panel.GetByTestId("pipelines-running")).ToHaveTextAsync("1");
        await Assertions.Expect(panel.GetByTestId("pipelines-queued")).ToHaveTextAsync("1");
        await Assertions.Expect(panel).Not.ToContainTextAsync("null");
        await Assertions.Expect(panel).Not.ToContainTextAsync("undefined");

        // Running and queued, each with how long it has run or waited by the host's clock (the page moves them on).
        var runningItem = panel.Locator("[data-testid=pipelines-active-run][data-state=running]");
        await Assertions.Expect(runningItem).ToHaveAttributeAsync("data-run-id", "20");
        await Assertions.Expect(runningItem).ToContainTextAsync("CI");
        await Assertions.Expect(runningItem.GetByTestId("pipelines-wait")).ToHaveAttributeAsync("data-seconds", "65");
        await Assertions.Expect(runningItem.GetByTestId("pipelines-wait")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^running for [0-9]+ min( [0-9]+ s)?$"));
        var queuedItem = panel.Locator("[data-testid=pipelines-active-run][data-state=queued]");
        await Assertions.Expect(queuedItem).ToHaveAttributeAsync("data-run-id", "21");
        await Assertions.Expect(queuedItem.GetByTestId("pipelines-wait")).ToHaveAttributeAsync("data-seconds", "150");
        await Assertions.Expect(queuedItem.GetByTestId("pipelines-wait")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^waiting [0-9]+ min( [0-9]+ s)?$"));

        // The recent runs, newest first, with workflow, branch, actor, result, duration and the GitHub link.
        var newest = runs.OrderByDescending(static r => r.CreatedAt).ThenByDescending(static r => r.Id).Take(8).ToList();
        var rows = panel.GetByTestId("pipelines-recent-run");
        await Assertions.Expect(rows).ToHaveCountAsync(newest.Count);
        Assert.Equal(newest.Select(static r => r.Id.ToString(CultureInfo.InvariantCulture)), await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.runId)"));
        foreach (var run in newest.Where(static r => r.IsCompleted))
        {
            var row = panel.Locator($"[data-testid=pipelines-recent-run][data-run-id=\"{run.Id}\"]");
            await Assertions.Expect(row.GetByTestId("pipelines-run-workflow")).ToHaveTextAsync(run.WorkflowName);
            await Assertions.Expect(row.GetByTestId("pipelines-run-branch")).ToHaveTextAsync(run.Branch!);
            await Assertions.Expect(row.GetByTestId("pipelines-run-actor")).ToHaveTextAsync(run.Actor!);
            await Assertions.Expect(row.GetByTestId("pipelines-run-state")).ToHaveTextAsync(Words(run.Conclusion!.Value));
            await Assertions.Expect(row.GetByTestId("pipelines-run-duration")).ToHaveTextAsync(Span(run.Duration!.Value.TotalSeconds));
            await Assertions.Expect(row.GetByTestId("pipelines-run-link")).ToHaveAttributeAsync("href", run.HtmlUrl!);
        }

        // A bar per UTC day of the window, today last: each day's runs and failures.
        var days = panel.GetByTestId("pipelines-trend-day");
        await Assertions.Expect(days).ToHaveCountAsync(LookbackDays);
        var shown = await days.EvaluateAllAsync<string[]>("days => days.map(d => `${d.dataset.date} ${d.dataset.runs} ${d.dataset.failures}`)");
        Assert.Equal(ExpectedTrend(runs), shown);
    }

    [Fact]
    public async Task A_run_put_into_the_store_while_the_page_is_open_shows_without_a_reload()
    {
        var host = await StartHostAsync();
        await host.Updater.ApplyRunAsync(Run(1, "CI", "main", Now.AddHours(-3), PipelineStatus.Completed, PipelineConclusion.Success), default);
        var page = await OpenAsync(host);
        var panel = page.GetByTestId("pipelines");
        await Assertions.Expect(panel.GetByTestId("pipelines-status")).ToHaveTextAsync("passing");
        await Assertions.Expect(panel.GetByTestId("pipelines-recent-run")).ToHaveCountAsync(1);
        await Assertions.Expect(panel.GetByTestId("pipelines-active-none")).ToBeVisibleAsync();

        // While the live feed is open the panel reads again only when it reports a change (no timer does).
        await host.Updater.ApplyRunAsync(Run(2, "CI", "main", Now.AddMinutes(-20), PipelineStatus.Completed, PipelineConclusion.Failure), default);
        await host.Updater.ApplyRunAsync(Run(3, "CI", "main", Now.AddMinutes(-1), PipelineStatus.Queued, null) with { StartedAt = null, UpdatedAt = Now.AddMinutes(-1) }, default);

        await Assertions.Expect(panel.GetByTestId("pipelines-status")).ToHaveTextAsync("failing", new() { Timeout = 60_000 });
        await Assertions.Expect(panel.GetByTestId("pipelines-success-rate")).ToHaveTextAsync("50.0 %");
        await Assertions.Expect(panel.Locator("[data-testid=pipelines-active-run][data-state=queued]")).ToHaveAttributeAsync("data-run-id", "3");
        Assert.Equal(["3", "2", "1"], await panel.GetByTestId("pipelines-recent-run").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.runId)"));
    }

    [Fact]
    public async Task Without_a_pipelines_url_the_panel_stays_hidden_and_asks_nothing()
    {
        var host = await StartHostAsync(panel: false);
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60_000);
        var asked = new List<string>();
        page.Request += (_, request) =>
        {
            lock (asked) asked.Add(request.Url);
        };
        // The page's entry module starts every panel before the timeline's first answer arrives.
        var timeline = page.WaitForResponseAsync(static r => r.Url.Contains("/api/changes", StringComparison.Ordinal));
        await page.GotoAsync(host.Address!.ToString());
        await timeline;

        Assert.Equal("none", await page.EvaluateAsync<string>("document.body.dataset.pipelinesUrl"));
        await Assertions.Expect(page.GetByTestId("pipelines")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("pipelines")).ToBeEmptyAsync();
        lock (asked) Assert.DoesNotContain(asked, static url => url.Contains("/api/v1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_overview_that_fails_shows_its_reason_in_the_panel_and_the_page_still_works()
    {
        var host = await StartHostAsync(failOverview: true);
        await host.Updater.ApplyRunAsync(Run(1, "CI", "main", Now.AddHours(-3), PipelineStatus.Completed, PipelineConclusion.Success), default);
        var page = await OpenAsync(host);

        var error = page.GetByTestId("pipelines").GetByTestId("pipelines-error");
        await Assertions.Expect(error).ToHaveTextAsync("Could not load the pipelines: 500 Internal Server Error: The pipeline store is unreachable.");
        await Assertions.Expect(page.GetByTestId("pipelines").Locator("h2")).ToHaveTextAsync("Pipelines");
        await Assertions.Expect(page.GetByTestId("pipelines-status")).ToHaveCountAsync(0);
        // The rest of the page is unaffected.
        await Assertions.Expect(page.Locator("#error-state")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("refresh")).ToBeEnabledAsync();
    }

    public async Task DisposeAsync()
    {
        // The browser first: its open event streams would hold up the hosts' shutdown.
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    private async Task<PipelineTestHost> StartHostAsync(bool panel = true, bool failOverview = false)
    {
        var host = await PipelineTestHost.StartDashboardAsync(panel, failOverview);
        _hosts.Add(host);
        return host;
    }

    private async Task<IPage> OpenAsync(PipelineTestHost host)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(host.Address!.ToString());
        return page;
    }

    private static PipelineRun Run(long id, string workflow, string branch, DateTimeOffset createdAt, PipelineStatus status, PipelineConclusion? conclusion, int minutes = 5) => new()
    {
        Id = id,
        Repository = "octo/prompts",
        WorkflowId = workflow.Length,
        WorkflowName = workflow,
        RunNumber = (int)id,
        Branch = branch,
        HeadSha = id.ToString("x40", CultureInfo.InvariantCulture),
        Event = "push",
        Actor = id % 2 == 0 ? "mona" : "hubot",
        Status = status,
        Conclusion = conclusion,
        CreatedAt = createdAt,
        StartedAt = createdAt.AddSeconds(20),
        UpdatedAt = status == PipelineStatus.Completed ? createdAt.AddSeconds(20).AddMinutes(minutes).AddSeconds(id) : createdAt.AddSeconds(30),
        HtmlUrl = $"https://github.com/octo/prompts/actions/runs/{id}",
    };

    private static bool Passed(PipelineRun run) => run.IsCompleted && run.Conclusion == PipelineConclusion.Success;

    private static bool Failed(PipelineRun run) => run.IsCompleted && run.Conclusion is PipelineConclusion.Failure or PipelineConclusion.TimedOut or PipelineConclusion.StartupFailure;

    private static IEnumerable<PipelineRun> InWindow(IEnumerable<PipelineRun> runs) => runs.Where(static r => r.CreatedAt >= Now.AddDays(-LookbackDays));

    /// <summary>Failing when the latest passed-or-failed run of a workflow failed, passing when none did.</summary>
    private static string ExpectedStatus(IEnumerable<PipelineRun> runs)
    {
        var latest = runs.Where(static r => Passed(r) || Failed(r)).GroupBy(static r => r.WorkflowName).Select(static g => g.MaxBy(static r => r.CreatedAt)!).ToList();
        return latest.Count == 0 ? "unknown" : latest.Any(Failed) ? "failing" : "passing";
    }

    private static string ExpectedSuccessRate(IEnumerable<PipelineRun> runs)
    {
        var decided = InWindow(runs).Where(static r => Passed(r) || Failed(r)).ToList();
        return (100.0 * decided.Count(Passed) / decided.Count).ToString("F1", CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>Per workflow and branch: from a failure after a pass (its end) to the next pass (its end); the median.</summary>
    private static double ExpectedMedianRecoverySeconds(IEnumerable<PipelineRun> runs)
    {
        var times = new List<double>();
        foreach (var series in InWindow(runs).Where(static r => Passed(r) || Failed(r)).GroupBy(static r => (r.WorkflowName, r.Branch)))
        {
            DateTimeOffset? failedAt = null;
            var passedBefore = false;
            foreach (var run in series.OrderBy(static r => r.CreatedAt))
            {
                if (Passed(run))
                {
                    if (failedAt is { } at) times.Add((run.UpdatedAt - at).TotalSeconds);
                    failedAt = null;
                    passedBefore = true;
                }
                else if (passedBefore)
                {
                    failedAt ??= run.UpdatedAt;
                }
            }
        }

        times.Sort();
        Assert.NotEmpty(times);
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    private static string[] ExpectedTrend(IEnumerable<PipelineRun> runs)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        return [.. Enumerable.Range(0, LookbackDays).Select(i =>
        {
            var day = today.AddDays(i - LookbackDays + 1);
            var ofDay = runs.Where(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime) == day).ToList();
            return $"{day:yyyy-MM-dd} {ofDay.Count} {ofDay.Count(Failed)}";
        })];
    }

    private static string Words(PipelineConclusion conclusion) => conclusion switch
    {
        PipelineConclusion.Success => "success",
        PipelineConclusion.Failure => "failure",
        PipelineConclusion.Cancelled => "cancelled",
        PipelineConclusion.TimedOut => "timed out",
        _ => throw new ArgumentOutOfRangeException(nameof(conclusion), conclusion, "Not used by these tests."),
    };

    /// <summary>How the panel writes a span of seconds: its two largest units.</summary>
    private static string Span(double seconds)
    {
        var total = (long)Math.Round(Math.Max(0, seconds), MidpointRounding.AwayFromZero);
        static string Pair(long a, string unitA, long b, string unitB) => b == 0 ? $"{a} {unitA}" : $"{a} {unitA} {b} {unitB}";
        if (total < 60) return $"{total} s";
        if (total < 3600) return Pair(total / 60, "min", total % 60, "s");
        if (total < 86400) return Pair(total / 3600, "h", total % 3600 / 60, "min");
        return Pair(total / 86400, "d", total % 86400 / 3600, "h");
    }
}
