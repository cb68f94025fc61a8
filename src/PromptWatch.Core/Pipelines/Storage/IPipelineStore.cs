namespace PromptWatch.Pipelines;

/// <summary>
/// Where runs, jobs and deployments are kept (in memory by default: <see cref="InMemoryPipelineStore"/>; Redis for
/// several replicas). Upserts follow <see cref="PipelineRun.Supersedes"/> and <see cref="PipelineJob.Supersedes"/> and
/// answer whether anything changed, so that only real changes are published. Retention is bounded by
/// <see cref="PipelineOptions.RetentionDays"/> and <see cref="PipelineOptions.MaxRuns"/>.
/// </summary>
public interface IPipelineStore
{
    /// <summary>Stores a run unless the stored version supersedes it.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the stored run changed (false when not superseding or equal).</returns>
    ValueTask<bool> UpsertRunAsync(PipelineRun run, CancellationToken cancellationToken);

    /// <summary>Stores a job unless the stored version supersedes it.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the stored job changed.</returns>
    ValueTask<bool> UpsertJobAsync(PipelineJob job, CancellationToken cancellationToken);

    /// <summary>Stores a deployment; its latest state is kept when the stored one has a newer status.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the stored deployment changed.</returns>
    ValueTask<bool> UpsertDeploymentAsync(PipelineDeployment deployment, CancellationToken cancellationToken);

    /// <summary>Adds a deployment status, and updates its deployment's latest state when the status is newer.</summary>
    /// <param name="status">The status.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the status was new.</returns>
    ValueTask<bool> AddDeploymentStatusAsync(PipelineDeploymentStatus status, CancellationToken cancellationToken);

    /// <summary>Reads one run.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    ValueTask<PipelineRun?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Reads the jobs of a run's latest stored attempt, by start time (unstarted last) and id.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The jobs, possibly none.</returns>
    ValueTask<IReadOnlyList<PipelineJob>> GetJobsAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Reads a filtered page of runs, newest first.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    ValueTask<PipelinePage<PipelineRun>> QueryRunsAsync(PipelineRunQuery query, CancellationToken cancellationToken);

    /// <summary>Reads every run created at or after <paramref name="since"/>, oldest first (the analytics' input).</summary>
    /// <param name="since">The earliest creation time.</param>
    /// <param name="repository">Only this repository, if set.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The runs.</returns>
    ValueTask<IReadOnlyList<PipelineRun>> GetRunsSinceAsync(DateTimeOffset since, string? repository, CancellationToken cancellationToken);

    /// <summary>Reads every job created at or after <paramref name="since"/>, oldest first.</summary>
    /// <param name="since">The earliest creation time.</param>
    /// <param name="repository">Only this repository, if set.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The jobs.</returns>
    ValueTask<IReadOnlyList<PipelineJob>> GetJobsSinceAsync(DateTimeOffset since, string? repository, CancellationToken cancellationToken);

    /// <summary>Reads deployments, newest first (created time descending, then id descending).</summary>
    /// <param name="repository">Only this repository, if set.</param>
    /// <param name="environment">Only this environment (case-insensitive), if set.</param>
    /// <param name="since">Only deployments created at or after this time, if set.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The deployments.</returns>
    ValueTask<IReadOnlyList<PipelineDeployment>> GetDeploymentsAsync(string? repository, string? environment, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Reads a deployment's statuses, oldest first.</summary>
    /// <param name="deploymentId">The deployment's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The statuses, possibly none.</returns>
    ValueTask<IReadOnlyList<PipelineDeploymentStatus>> GetDeploymentStatusesAsync(long deploymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the store's version: a number that changes with every change of what the reads answer (a write, a status,
    /// a trim), so that what was read under one version can be kept until it changes (the analytics do). Time passing
    /// alone does not change it: a reader that keeps what it read leaves out what has gone past the retention itself.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The version; <see langword="null"/> (the default) when the store keeps none, and then every read is done afresh.</returns>
    ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<long?>(null);
}
