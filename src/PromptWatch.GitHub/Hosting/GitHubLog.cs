using Microsoft.Extensions.Logging;

namespace PromptWatch.GitHub.Hosting;

internal static partial class GitHubLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "GitHub webhook refused: {Reason} (event {Event}, delivery {Delivery})")]
    public static partial void Refused(ILogger logger, string reason, string? @event, string? delivery);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "GitHub webhook queue is full ({Capacity}); delivery {Delivery} answered 503 so GitHub retries")]
    public static partial void QueueFull(ILogger logger, int capacity, string delivery);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "GitHub {Event} delivery {Delivery} counted: {Counts}")]
    public static partial void Applied(ILogger logger, string @event, string delivery, string counts);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "GitHub {Event} delivery {Delivery} was counted before; not counted again")]
    public static partial void Replayed(ILogger logger, string @event, string delivery);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "The counter store failed while counting GitHub delivery {Delivery} (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string delivery, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "The counter store works again; GitHub delivery {Delivery} counted after {Attempts} attempts")]
    public static partial void StoreRecovered(ILogger logger, string delivery, int attempts);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "GitHub webhooks are accepted WITHOUT signatures (AllowUnsigned is set and no secret is configured): anyone who can reach the receiver can change the counters")]
    public static partial void Unsigned(ILogger logger);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Alert {Kind} ({Severity}) in {Repository}: {Message} (delivery {Delivery})")]
    public static partial void AlertRaised(ILogger logger, string kind, string severity, string repository, string message, string delivery);




    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Push to {Repository} touches watched files: rescanning {Watched} {When}")]
    public static partial void Rescan(ILogger logger, string repository, string watched, string when);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Instant rescan of {Watched} failed: {Reason}")]
    public static partial void RescanFailed(ILogger logger, string watched, string reason);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Processing GitHub {Event} delivery {Delivery} failed in the event processor; it is dropped")]
    public static partial void ProcessorFailed(ILogger logger, Exception exception, string @event, string delivery);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "The counter store could not answer an activity request: {Reason}")]
    public static partial void StoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning, Message = "{Limit} GitHub deliveries are being received at once (MaxConcurrentReceipts); delivery {Delivery} answered 503 before its body was read")]
    public static partial void ReceiptsBusy(ILogger logger, int limit, string delivery);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Information, Message = "GitHub {Event} delivery {Delivery} had been counted by a call that failed afterwards (attempt {Attempt} found its own marker); its alerts are raised now")]
    public static partial void AppliedBeforeFailure(ILogger logger, string @event, string delivery, int attempt);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Error, Message = "GitHub {Event} delivery {Delivery} is dead-lettered after {Attempts} attempts that the counter store failed permanently ({Reason}); it is not counted: redeliver it from the webhook's Recent Deliveries once the store is fixed")]
    public static partial void DeadLettered(ILogger logger, string @event, string delivery, int attempts, string reason);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "GitHub {Event} delivery {Delivery} has the action {Action}, which Octokit.Webhooks does not know: it counts as other")]
    public static partial void UnknownAction(ILogger logger, string @event, string action, string delivery);
}
