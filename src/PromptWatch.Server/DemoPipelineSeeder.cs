using Microsoft.Extensions.Options;
using PromptWatch.Pipelines;

namespace PromptWatch.Server;

/// <summary>
/// Writes the demo pipeline data (<see cref="DemoPipelines"/>) of the demo repository through the
/// <see cref="PipelineUpdater"/> into the pipeline store when the host starts, and says so in the log. Registered by
/// <see cref="SamplePipelines"/> when the demo repository is watched and no GitHub repository is configured: there is
/// no provider then, so rerun, cancel and logs answer that none serves the demo repository.
/// </summary>
internal sealed partial class DemoPipelineSeeder(DemoPipelineSource source, PipelineUpdater updater, IOptions<PipelineOptions> options, TimeProvider time, ILogger<DemoPipelineSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var data = DemoPipelines.Create(DemoPipelines.ReadCommits(source.RepositoryPath), time.GetUtcNow(), options.Value.RetentionDays);
        foreach (var run in data.Runs) await updater.ApplyRunAsync(run, cancellationToken).ConfigureAwait(false);
        foreach (var job in data.Jobs) await updater.ApplyJobAsync(job, cancellationToken).ConfigureAwait(false);
        foreach (var deployment in data.Deployments) await updater.ApplyDeploymentAsync(deployment, cancellationToken).ConfigureAwait(false);
        foreach (var status in data.Statuses) await updater.ApplyDeploymentStatusAsync(status, cancellationToken).ConfigureAwait(false);
        LogDemoData(logger, data.Runs.Count, data.Commits, data.Deployments.Count, DemoPipelines.Repository);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Pipelines: demo data, {Runs} runs for the latest {Commits} commits of the demo repository and {Deployments} deployments to test and prod, as {Repository} (no CI system behind it: rerun, cancel and logs are refused). Set GITHUB_TOKEN with GITHUB_OWNER and GITHUB_REPO to monitor GitHub Actions instead")]
    private static partial void LogDemoData(ILogger logger, int runs, int commits, int deployments, string repository);
}

/// <summary>The demo repository the demo pipeline data is generated from.</summary>
/// <param name="RepositoryPath">Its working folder.</param>
internal sealed record DemoPipelineSource(string RepositoryPath);
