using PromptWatch.Pipelines.Alerts;

namespace PromptWatch.Pipelines;

/// <summary>
/// Writes runs, jobs and deployments into the <see cref="IPipelineStore"/> and publishes a <see cref="PipelineChange"/>
/// on <see cref="IPipelineEvents"/> only when the store says it changed. Webhooks and the reconcile poll both call it.
/// With alerting added, an accepted change also raises the pipeline's alert events (a branch that broke or recovered,
/// a failed deployment, a rollback).
/// </summary>
public sealed class PipelineUpdater
{
    private readonly IPipelineStore store;
    private readonly IPipelineEvents events;
    private readonly TimeProvider time;
    private readonly PipelineAlertEvents? alerts;

    /// <summary>Creates the updater.</summary>
    /// <param name="store">The store.</param>
    /// <param name="events">Where changes are published.</param>
    /// <param name="timeProvider">The clock for <see cref="PipelineChange.At"/>; the system clock when null.</param>
    public PipelineUpdater(IPipelineStore store, IPipelineEvents events, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        this.store = store;
        this.events = events;
        time = timeProvider ?? TimeProvider.System;
    }

    internal PipelineUpdater(IPipelineStore store, IPipelineEvents events, TimeProvider? timeProvider, PipelineAlertEvents? alerts)
        : this(store, events, timeProvider)
    {
        this.alerts = alerts;
    }

    /// <summary>Stores a run and publishes it when it changed.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public async ValueTask ApplyRunAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (await store.UpsertRunAsync(run, cancellationToken).ConfigureAwait(false))
        {
            events.Publish(new PipelineChange(PipelineChangeKind.Run, run.Repository, run, null, null, null, time.GetUtcNow()));
            if (alerts is not null) await alerts.RunAcceptedAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a job and publishes it when it changed.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public async ValueTask ApplyJobAsync(PipelineJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await store.UpsertJobAsync(job, cancellationToken).ConfigureAwait(false))
        {
            events.Publish(new PipelineChange(PipelineChangeKind.Job, job.Repository, null, job, null, null, time.GetUtcNow()));
        }
    }

    /// <summary>Stores a deployment and publishes it when it changed.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public async ValueTask ApplyDeploymentAsync(PipelineDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (await store.UpsertDeploymentAsync(deployment, cancellationToken).ConfigureAwait(false))
        {
            events.Publish(new PipelineChange(PipelineChangeKind.Deployment, deployment.Repository, null, null, deployment, null, time.GetUtcNow()));
            if (alerts is not null) await alerts.DeploymentChangedAsync(deployment.Repository, deployment.Environment, deployment.Id, created: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a deployment status and publishes it when it was new.</summary>
    /// <param name="status">The status.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public async ValueTask ApplyDeploymentStatusAsync(PipelineDeploymentStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (await store.AddDeploymentStatusAsync(status, cancellationToken).ConfigureAwait(false))
        {
            events.Publish(new PipelineChange(PipelineChangeKind.DeploymentStatus, status.Repository, null, null, null, status, time.GetUtcNow()));
            if (alerts is not null) await alerts.DeploymentChangedAsync(status.Repository, null, status.DeploymentId, created: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
