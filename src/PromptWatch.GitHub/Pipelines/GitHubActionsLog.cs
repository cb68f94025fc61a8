using Microsoft.Extensions.Logging;

namespace PromptWatch.GitHub.Pipelines;

internal static partial class GitHubActionsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "The log archive of run {RunId} of {Repository} could not be read ({Reason}); reading its jobs' logs one by one")]
    public static partial void ArchiveUnavailable(ILogger logger, long runId, string repository, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Reconciling {Repository} with GitHub failed: {Reason}")]
    public static partial void PollFailed(ILogger logger, string repository, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "GitHub's rate limit has {Remaining} requests left (reserve {Reserve}); the reconcile poll waits until {Reset:O}")]
    public static partial void RateLimitReserve(ILogger logger, int remaining, int reserve, DateTimeOffset reset);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Reconciled {Repository}: {Runs} runs, {Jobs} job lists and {Deployments} deployments read")]
    public static partial void Polled(ILogger logger, string repository, int runs, int jobs, int deployments);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "A GitHub {Event} delivery ({Delivery}) could not be applied to the pipeline store: {Reason}")]
    public static partial void WebhookFailed(ILogger logger, string @event, string delivery, string reason);
}
