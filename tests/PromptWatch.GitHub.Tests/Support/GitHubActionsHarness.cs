using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.GitHub.Pipelines;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;
using PromptWatch.Tests.Support;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>The provider, the poll and the health check as <c>AddPipelines().AddGitHubActions()</c> registers them, pointed at an API address.</summary>
public sealed class GitHubActionsHarness : IAsyncDisposable
{
    /// <summary>The token the tests configure; no output may ever show it.</summary>
    public const string Token = "ghp_TestTokenThatMustNeverBeShown0123456789";

    private readonly ServiceProvider _services;
    private readonly TestRepository _repository;

    private GitHubActionsHarness(ServiceProvider services, TestRepository repository)
    {
        _services = services;
        _repository = repository;
    }

    public IServiceProvider Services => _services;

    public GitHubActionsPipelineProvider Provider => _services.GetRequiredService<GitHubActionsPipelineProvider>();

    internal GitHubReconcilePoller Poller => _services.GetRequiredService<GitHubReconcilePoller>();

    public IPipelineStore Store => _services.GetRequiredService<IPipelineStore>();

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public static GitHubActionsHarness Create(Uri api, Action<GitHubActionsOptions>? configure = null, Action<PipelineOptions>? pipelines = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddMetrics();
        // GitHub's rate-limit reset is wall-clock time: the provider's clock is the system's here.
        services.AddSingleton(TimeProvider.System);
        var repository = TestRepository.Create();
        repository.WriteFile("prompts/a.prompt", "hello\n");
        repository.Commit("init", GitSignature.At(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        services.AddPromptWatch(o => o.Repositories.Add(new WatchedRepositoryOptions { Name = "service", Location = repository.Path }))
            .AddPipelines(o =>
            {
                o.RetentionDays = 3650;
                pipelines?.Invoke(o);
            })
            .AddGitHubActions(o =>
            {
                o.Token = Token;
                o.Repositories.Add("octocat/hello-world");
                o.ApiUrl = api;
                o.Poll = false;
                o.RequestTimeout = TimeSpan.FromSeconds(60);
                configure?.Invoke(o);
            });
        return new GitHubActionsHarness(services.BuildServiceProvider(validateScopes: true), repository);
    }

    public async Task<HealthReportEntry> HealthAsync()
    {
        var report = await _services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "promptwatch:github-actions");
        return report.Entries["promptwatch:github-actions"];
    }

    /// <summary>Everything logged, as one text.</summary>
    public string LogText() => string.Join('\n', Logs.GetSnapshot().Select(static r => r.Message + " " + r.Exception));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _repository.Dispose();
    }
}
