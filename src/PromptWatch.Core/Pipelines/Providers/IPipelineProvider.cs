namespace PromptWatch.Pipelines;

/// <summary>
/// A CI/CD system (GitHub Actions; GitLab or Azure DevOps would be other implementations). Several providers may be
/// registered; a repository is served by the provider listing it in <see cref="Repositories"/>. Failures are
/// <see cref="PipelineProviderException"/>s.
/// </summary>
public interface IPipelineProvider
{
    /// <summary>The provider's kind, e.g. <c>github-actions</c>.</summary>
    string Name { get; }

    /// <summary>The repositories it serves, <c>owner/name</c>.</summary>
    IReadOnlyList<string> Repositories { get; }

    /// <summary>Lists runs with filters and paging, newest first.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<PipelinePage<PipelineRun>> ListRunsAsync(string repository, PipelineRunQuery query, CancellationToken cancellationToken);

    /// <summary>Reads one run.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or <see langword="null"/> when the provider knows none.</returns>
    Task<PipelineRun?> GetRunAsync(string repository, long runId, CancellationToken cancellationToken);

    /// <summary>Reads the jobs of a run's latest attempt.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs.</returns>
    Task<IReadOnlyList<PipelineJob>> GetJobsAsync(string repository, long runId, CancellationToken cancellationToken);

    /// <summary>Reads the logs of every job of a run.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One log per job, each capped.</returns>
    Task<IReadOnlyList<PipelineJobLog>> GetRunLogsAsync(string repository, long runId, CancellationToken cancellationToken);

    /// <summary>Reads one job's log.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The log, capped.</returns>
    Task<PipelineJobLog> GetJobLogAsync(string repository, long jobId, CancellationToken cancellationToken);

    /// <summary>Re-runs a run, or only its failed jobs.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="failedJobsOnly">Whether to re-run only the failed jobs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the provider accepted it.</returns>
    Task RerunAsync(string repository, long runId, bool failedJobsOnly, CancellationToken cancellationToken);

    /// <summary>Cancels a run.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the provider accepted it.</returns>
    Task CancelAsync(string repository, long runId, CancellationToken cancellationToken);

    /// <summary>Lists the repository's deployments, newest first.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deployments.</returns>
    Task<IReadOnlyList<PipelineDeployment>> ListDeploymentsAsync(string repository, CancellationToken cancellationToken);
}
