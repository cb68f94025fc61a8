using PromptWatch.Pipelines.Alerts;
using PromptWatch.Pipelines.Diagnostics;

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
    private readonly PipelineMetrics? metrics;

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

    internal PipelineUpdater(IPipelineStore store, IPipelineEvents events, TimeProvider? timeProvider, PipelineAlertEvents? alerts, PipelineMetrics? metrics = null)
        : this(store, events, timeProvider)
    {
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /// <summary>Stores a run and publishes it when it changed.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public ValueTask ApplyRunAsync(PipelineRun run, CancellationToken cancellationToken) => ApplyRunAsync(run, PipelineUpdateSource.Other, cancellationToken);

    /// <summary>Stores a job and publishes it when it changed.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public ValueTask ApplyJobAsync(PipelineJob job, CancellationToken cancellationToken) => ApplyJobAsync(job, PipelineUpdateSource.Other, cancellationToken);

    /// <summary>Stores a deployment and publishes it when it changed.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public ValueTask ApplyDeploymentAsync(PipelineDeployment deployment, CancellationToken cancellationToken) => ApplyDeploymentAsync(deployment, PipelineUpdateSource.Other, cancellationToken);

    /// <summary>Adds a deployment status and publishes it when it was new.</summary>
    /// <param name="status">The status.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored and published.</returns>
    public ValueTask ApplyDeploymentStatusAsync(PipelineDeploymentStatus status, CancellationToken cancellationToken) => ApplyDeploymentStatusAsync(status, PipelineUpdateSource.Other, cancellationToken);

    /// <summary>Stores a run from <paramref name="source"/> (a <see cref="PipelineUpdateSource"/> word).</summary>
    internal async ValueTask ApplyRunAsync(PipelineRun run, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var changed = await store.UpsertRunAsync(run, cancellationToken).ConfigureAwait(false);
        metrics?.Update(source, "run", run.Repository, changed, PipelineMetrics.Word<PipelineStatus>(run.Status), PipelineMetrics.Word(run.Conclusion));
        if (changed)
        {
            events.Publish(new PipelineChange(PipelineChangeKind.Run, run.Repository, run, null, null, null, time.GetUtcNow()));
            if (alerts is not null) await alerts.RunAcceptedAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores a job from <paramref name="source"/>.</summary>
    internal async ValueTask ApplyJobAsync(PipelineJob job, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var changed = await store.UpsertJobAsync(job, cancellationToken).ConfigureAwait(false);
        metrics?.Update(source, "job", job.Repository, changed, PipelineMetrics.Word<PipelineStatus>(job.Status), PipelineMetrics.Word(job.Conclusion));
        if (changed)
        {
            events.Publish(new PipelineChange(PipelineChangeKind.Job, job.Repository, null, job, null, null, time.GetUtcNow()));
        }
    }

    /// <summary>Stores a deployment from <paramref name="source"/>.</summary>
    internal async ValueTask ApplyDeploymentAsync(PipelineDeployment deployment, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var changed = await store.UpsertDeploymentAsync(deployment, cancellationToken).ConfigureAwait(false);
        metrics?.Update(source, "deployment", deployment.Repository, changed, PipelineMetrics.Word(deployment.LatestState));
        if (changed)
        {
            events.Publish(new PipelineChange(PipelineChangeKind.Deployment, deployment.Repository, null, null, deployment, null, time.GetUtcNow()));
            if (alerts is not null) await alerts.DeploymentChangedAsync(deployment.Repository, deployment.Environment, deployment.Id, created: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a deployment status from <paramref name="source"/>.</summary>
    internal async ValueTask ApplyDeploymentStatusAsync(PipelineDeploymentStatus status, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var changed = await store.AddDeploymentStatusAsync(status, cancellationToken).ConfigureAwait(false);
        metrics?.Update(source, "deployment_status", status.Repository, changed, PipelineMetrics.Word<DeploymentState>(status.State));
        if (changed)
        {
            events.Publish(new PipelineChange(PipelineChangeKind.DeploymentStatus, status.Repository, null, null, null, status, time.GetUtcNow()));
            if (alerts is not null) await alerts.DeploymentChangedAsync(status.Repository, null, status.DeploymentId, created: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
