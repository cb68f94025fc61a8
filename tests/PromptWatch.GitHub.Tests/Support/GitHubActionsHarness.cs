using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptWatch.GitHub.Pipelines;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>The provider, the poll and the health check as <c>AddPipelines().AddGitHubActions()</c> registers them, pointed at an API address.</summary>
public sealed class GitHubActionsHarness : IAsyncDisposable
{
    /// <summary>The token the tests configure; no output may ever show it.</summary>
    public const string Token = "ghp_TestTokenThatMustNeverBeShown0123456789";

    private readonly ServiceProvider _services;

    private GitHubActionsHarness(ServiceProvider services) => _services = services;

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
        services.AddSingleton<TimeProvider>(new MidWeekClock());
        services.AddPromptWatch(static _ => { })
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
        return new GitHubActionsHarness(services.BuildServiceProvider(validateScopes: true));
    }

    public async Task<HealthReportEntry> HealthAsync()
    {
        var report = await _services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "promptwatch:github-actions");
        return report.Entries["promptwatch:github-actions"];
    }

    /// <summary>Everything logged, as one text.</summary>
    public string LogText() => string.Join('\n', Logs.GetSnapshot().Select(static r => r.Message + " " + r.Exception));

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
