using Microsoft.Extensions.Logging;
using Octokit.Webhooks.Events;
using PromptWatch.GitHub.Events;
using PromptWatch.GitHub.Receiving;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// Feeds the pipeline monitor from webhooks, so it is live without polling: <c>workflow_run</c> and
/// <c>workflow_job</c> update runs and jobs, a GitHub Actions <c>check_run</c> adds a job the store does not know yet
/// (the <c>workflow_job</c> event carries more, so it is never overwritten by one), <c>deployment</c> and
/// <c>deployment_status</c> update deployments. Everything goes through <see cref="PipelineUpdater"/>, which publishes
/// a change only when the store took it; a redelivery changes nothing. Without <c>AddPipelines()</c> (no updater
/// registered) it does nothing.
/// </summary>
internal sealed class GitHubPipelineWebhooks(IServiceProvider services, ILogger<GitHubPipelineWebhooks> logger) : IGitHubDeliverySink
{
    private readonly Lazy<(PipelineUpdater Updater, IPipelineStore Store)?> _pipelines = new(() =>
        services.GetService(typeof(PipelineUpdater)) is PipelineUpdater updater && services.GetService(typeof(IPipelineStore)) is IPipelineStore store ? (updater, store) : null);

    public async ValueTask ReceiveAsync(GitHubDelivery delivery, CancellationToken cancellationToken)
    {
        if (_pipelines.Value is not var (updater, store)) return;
        try
        {
            await ApplyAsync(delivery, updater, store, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store's own exceptions say what failed without secrets; of any other only the type is logged.
            GitHubActionsLog.WebhookFailed(logger, delivery.Event, delivery.Id, e is PromptWatchException ? e.Message : e.GetType().Name);
        }
    }

    private static async ValueTask ApplyAsync(GitHubDelivery delivery, PipelineUpdater updater, IPipelineStore store, CancellationToken cancellationToken)
    {
        switch (delivery.Payload)
        {
            case WorkflowRunEvent e when GitHubWebhookMapping.Run(e) is { } run:
                await updater.ApplyRunAsync(run, PipelineUpdateSource.Webhook, cancellationToken).ConfigureAwait(false);
                break;
            case WorkflowJobEvent e when GitHubWebhookMapping.Job(e) is { } job:
                await updater.ApplyJobAsync(job, PipelineUpdateSource.Webhook, cancellationToken).ConfigureAwait(false);
                break;
            case CheckRunEvent e when GitHubWebhookMapping.Job(e) is { } job:
                var known = await store.GetJobsAsync(job.RunId, cancellationToken).ConfigureAwait(false);
                if (!known.Any(j => j.Id == job.Id)) await updater.ApplyJobAsync(job, PipelineUpdateSource.Webhook, cancellationToken).ConfigureAwait(false);
                break;
            case DeploymentEvent e when GitHubWebhookMapping.Deployment(e) is { } deployment:
                await updater.ApplyDeploymentAsync(deployment, PipelineUpdateSource.Webhook, cancellationToken).ConfigureAwait(false);
                break;
            case DeploymentStatusEvent e:
                if (GitHubWebhookMapping.Deployment(e) is { } deployed) await updater.ApplyDeploymentAsync(deployed, PipelineUpdateSource.Webhook, cancellationToken).ConfigureAwait(false);
                if (GitHubWebhookMapping.DeploymentStatus(e) is { } status) await updater.ApplyDeploymentStatusAsync(status, PipelineUpdateSource.Webhook, cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
