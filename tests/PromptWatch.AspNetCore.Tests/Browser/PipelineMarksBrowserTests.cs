using Microsoft.Playwright;
using PromptWatch.AspNetCore.Tests.Pipelines;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Browser;

/// <summary>
/// The pipeline marks on the timeline's cards in a real browser: a checks badge on each change whose commit has runs,
/// "deployed in prod" and "deployed in test" on the versions live there, updated when a run or a deployment is put
/// into the store while the page is open.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fields through IAsyncLifetime.DisposeAsync.
public sealed class PipelineMarksBrowserTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly WatchedRepository _repository = new();
    private readonly List<string> _consoleErrors = [];
    private TimelineMarksHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _host = null;
        (_playwright, _browser) = await LocalChromium.LaunchAsync();
    }

    [Fact]
    public async Task Checks_and_deployed_badges_sit_on_the_right_cards_and_follow_new_runs_and_deployments()
    {
        var first = _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.", message: "Add summarize");
        var promoted = _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.", message: "Promote summarize");
        var latest = _repository.Set("test", "summarize", "gpt-4.1-mini", "Summarize the text.", message: "test: summarize on 4.1");
        _host = await TimelineMarksHost.StartAsync(_repository.Path, kestrel: true);
        await _host.RunAsync(1, first, PipelineConclusion.Success);
        await _host.RunAsync(2, promoted, PipelineConclusion.Success);
        await _host.RunAsync(3, promoted, PipelineConclusion.Failure, workflow: "lint");
        await _host.RunAsync(9, promoted, PipelineConclusion.Success, workflow: "deploy");
        await _host.DeployAsync(1, "production", promoted, DeploymentState.Success, runId: 9);

        var page = await NewPageAsync();
        await page.GotoAsync(_host.BaseAddress);
        ILocator Card(string sha) => page.Locator($"[data-testid=change-card][data-sha='{sha}']");
        await Assertions.Expect(page.GetByTestId("change-card")).ToHaveCountAsync(3);

        var passing = Card(first).GetByTestId("checks-badge");
        await Assertions.Expect(passing).ToHaveAttributeAsync("data-state", "passing");
        await Assertions.Expect(passing).ToHaveAttributeAsync("title", "Checks passing: ci #1: success");
        var failing = Card(promoted).GetByTestId("checks-badge");
        await Assertions.Expect(failing).ToHaveAttributeAsync("data-state", "failing");
        await Assertions.Expect(failing).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("lint #3: failure"));
        var prod = Card(promoted).GetByTestId("deployed-badge");
        await Assertions.Expect(prod).ToHaveTextAsync("deployed in prod");
        await Assertions.Expect(prod).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^Live in prod: deployed to production on .+, deployment 1, run 9$"));
        await Assertions.Expect(page.GetByTestId("deployed-badge")).ToHaveCountAsync(1);
        await Assertions.Expect(Card(latest).GetByTestId("checks-badge")).ToHaveCountAsync(0);

        // A run starts at the latest change, then passes; it is deployed to staging, which stands for test.
        await _host.RunAsync(4, latest, null, status: PipelineStatus.InProgress);
        await Assertions.Expect(Card(latest).GetByTestId("checks-badge")).ToHaveAttributeAsync("data-state", "pending");
        await _host.RunAsync(4, latest, PipelineConclusion.Success);
        await Assertions.Expect(Card(latest).GetByTestId("checks-badge")).ToHaveAttributeAsync("data-state", "passing");
        await _host.DeployAsync(2, "staging", latest, DeploymentState.Success);
        await Assertions.Expect(Card(latest).GetByTestId("deployed-badge")).ToHaveTextAsync("deployed in test");
        await Assertions.Expect(Card(first).GetByTestId("deployed-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(Card(promoted).GetByTestId("deployed-badge")).ToHaveTextAsync("deployed in prod");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Artifacts("screenshots"), "pipeline-marks-1280.png"), FullPage = true });
        Assert.Empty(_consoleErrors);
    }

    private Task<IPage> NewPageAsync() => LocalChromium.NewPageAsync(_browser!, 1280, 900, _consoleErrors);

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _repository.Dispose();
    }
}
