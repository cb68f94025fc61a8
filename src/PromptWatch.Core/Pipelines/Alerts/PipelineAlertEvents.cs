using System.Globalization;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;
using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.Pipelines.Alerts;

/// <summary>
/// The alert events of the pipeline monitor, raised by <see cref="PipelineUpdater"/> after the store accepted a change
/// (so a redelivery or a poll that finds nothing new raises nothing): <see cref="AlertEventKinds.PipelineFailure"/> when
/// a completed run fails on a workflow and branch whose previous decided run passed, cleared by a passing run after a
/// failing one (or by a passing re-run); <see cref="AlertEventKinds.DeploymentFailure"/> when a deployment's latest
/// state is failure or error, cleared when one there succeeds; <see cref="AlertEventKinds.PipelineRollback"/> for a
/// deployment that goes back. What finished more than <see cref="HistoryAfter"/> ago is history (a first poll reads
/// the last pages) and raises nothing. Failures to read the store are logged, never thrown at the updater.
/// </summary>
internal sealed partial class PipelineAlertEvents(IAlertEventPublisher publisher, IPipelineStore store, RollbackDetector rollbacks, TimeProvider time, ILogger logger)
{
    /// <summary>How long after it happened a change still raises an event.</summary>
    public static readonly TimeSpan HistoryAfter = TimeSpan.FromHours(1);

    /// <summary>The most pages of a branch's runs read back to find its previous decided run.</summary>
    private const int PagesBack = 5;

    public async ValueTask RunAcceptedAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        if (!run.IsCompleted || string.IsNullOrEmpty(run.Branch) || Old(run.UpdatedAt)) return;
        var failed = PipelineOutcome.IsFailure(run.Conclusion);
        if (!failed && !PipelineOutcome.IsSuccess(run.Conclusion)) return;
        try
        {
            var previous = await PreviousDecidedAsync(run, cancellationToken).ConfigureAwait(false);
            var labels = Labels(("repository", run.Repository), ("workflow", run.WorkflowName), ("branch", run.Branch));
            var url = Url(run.HtmlUrl);
            if (failed && previous is not null && PipelineOutcome.IsSuccess(previous.Conclusion))
            {
                var text = Format($"{run.WorkflowName} failed on {run.Branch} in {run.Repository} (run {run.RunNumber}, {Word(run.Conclusion)}); its previous run passed.");
                publisher.Publish(new AlertEvent(AlertEventKinds.PipelineFailure, labels, text, run.UpdatedAt) { Url = url, OccurrenceId = Format($"{run.Repository}/run/{run.Id}/{run.Attempt}") });
            }
            else if (!failed && (run.Attempt > 1 || (previous is not null && PipelineOutcome.IsFailure(previous.Conclusion))))
            {
                var text = Format($"{run.WorkflowName} passes again on {run.Branch} in {run.Repository} (run {run.RunNumber}).");
                publisher.Publish(new AlertEvent(AlertEventKinds.PipelineFailure, labels, text, run.UpdatedAt) { Url = url, Clears = true });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "run", e.GetType().Name);
        }
    }

    /// <summary>A deployment (<paramref name="created"/>: the deployment itself, else one of its statuses) changed in the store.</summary>
    public async ValueTask DeploymentChangedAsync(string repository, string? environment, long deploymentId, bool created, CancellationToken cancellationToken)
    {
        try
        {
            var all = await store.GetDeploymentsAsync(repository, environment, null, cancellationToken).ConfigureAwait(false);
            var index = IndexOf(all, deploymentId);
            if (index < 0) return;
            var deployment = all[index];
            IReadOnlyList<PipelineDeployment> same = environment is null
                ? [.. all.Where(d => string.Equals(d.Environment, deployment.Environment, StringComparison.OrdinalIgnoreCase))]
                : all;
            index = IndexOf(same, deploymentId);
            var labels = Labels(("repository", deployment.Repository), ("environment", deployment.Environment));
            if (!Old(deployment.LatestStateAt ?? deployment.CreatedAt))
            {
                if (PipelineOutcome.IsFailedDeployment(deployment))
                {
                    var text = Format($"Deploying {Short(deployment.Sha)} to {deployment.Environment} in {deployment.Repository} failed ({Word(deployment.LatestState)}).");
                    publisher.Publish(new AlertEvent(AlertEventKinds.DeploymentFailure, labels, text, deployment.LatestStateAt ?? deployment.CreatedAt)
                    {
                        OccurrenceId = Format($"{deployment.Repository}/deployment/{deployment.Id}/failed"),
                    });
                }
                else if (deployment.LatestState == DeploymentState.Success)
                {
                    var text = Format($"{Short(deployment.Sha)} is deployed to {deployment.Environment} in {deployment.Repository}.");
                    publisher.Publish(new AlertEvent(AlertEventKinds.DeploymentFailure, labels, text, deployment.LatestStateAt ?? deployment.CreatedAt) { Clears = true });
                }
            }

            if (!created || Old(deployment.CreatedAt) || index + 1 >= same.Count) return;
            var previous = same[index + 1];
            if (await rollbacks.ReasonAsync(deployment, previous, cancellationToken).ConfigureAwait(false) is not { } reason) return;
            var rollback = Format($"{deployment.Environment} in {deployment.Repository} rolled back from {Short(previous.Sha)} to {Short(deployment.Sha)} ({(reason == "ancestor" ? "an earlier commit" : "named a rollback")}).");
            publisher.Publish(new AlertEvent(AlertEventKinds.PipelineRollback, labels, rollback, deployment.CreatedAt)
            {
                OccurrenceId = Format($"{deployment.Repository}/rollback/{deployment.Id}"),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "deployment", e.GetType().Name);
        }
    }

    /// <summary>The latest decided run of the same repository, workflow and branch created before <paramref name="run"/>.</summary>
    private async ValueTask<PipelineRun?> PreviousDecidedAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        for (var page = 1; page <= PagesBack; page++)
        {
            var query = new PipelineRunQuery
            {
                Repository = run.Repository,
                Workflow = run.WorkflowName,
                Branch = run.Branch,
                Status = PipelineStatus.Completed,
                CreatedTo = run.CreatedAt,
                Page = page,
                PerPage = PipelineRunQuery.MaxPerPage,
            };
            var result = await store.QueryRunsAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in result.Items)
            {
                if (candidate.Id == run.Id || (candidate.CreatedAt == run.CreatedAt && candidate.Id > run.Id)) continue;
                if (run.WorkflowId != 0 && candidate.WorkflowId != 0 && candidate.WorkflowId != run.WorkflowId) continue;
                if (PipelineOutcome.IsFailure(candidate.Conclusion) || PipelineOutcome.IsSuccess(candidate.Conclusion)) return candidate;
            }

            if (result.Items.Count < PipelineRunQuery.MaxPerPage) break;
        }

        return null;
    }

    private bool Old(DateTimeOffset at) => at < time.GetUtcNow() - HistoryAfter;

    private static int IndexOf(IReadOnlyList<PipelineDeployment> deployments, long id)
    {
        for (var i = 0; i < deployments.Count; i++)
        {
            if (deployments[i].Id == id) return i;
        }

        return -1;
    }

    private static Dictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(static l => l.Name, static l => l.Value, StringComparer.Ordinal);

    private static Uri? Url(string? address) => Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    private static string Word<T>(T? value)
        where T : struct, Enum => value is { } v ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()) : "unknown";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Raising the alert events of a pipeline {What} change failed ({ErrorType}).")]
    private static partial void LogFailed(ILogger logger, string what, string errorType);
}
