using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Webhooks.Events;
using PromptWatch.Counters;
using PromptWatch.Diagnostics;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Counting;
using PromptWatch.GitHub.Events;
using PromptWatch.GitHub.Hosting;
using PromptWatch.GitHub.Rescans;

namespace PromptWatch.GitHub.Receiving;

/// <summary>
/// Drains the webhook queue: runs the processor, starts instant rescans, then applies the increments with the
/// delivery id as the marker, so a delivery is counted at most once. When the counter store throws, the same
/// delivery is tried again with a growing delay (up to <see cref="GitHubWebhookOptions.MaxRetryDelay"/>); meanwhile
/// new deliveries wait in the queue (503 once it is full). A failure the store calls permanent
/// (<see cref="PromptWatchException.IsPermanent"/>) dead-letters the delivery after
/// <see cref="GitHubWebhookOptions.MaxStoreAttempts"/> of them, so that it cannot stall the queue; any other is retried
/// for as long as it takes.
/// </summary>
internal sealed class WebhookProcessingService(
    WebhookQueue queue,
    GitHubEventProcessor processor,
    ActivityCounters counters,
    ICounterStore store,
    GitHubAlerts alerts,
    CounterStoreAlerts storeAlerts,
    InstantRescanner rescanner,
    WatchedRepositories repositories,
    GitHubWebhookStatus status,
    WebhookDeadLetters deadLetters,
    GitHubMetrics metrics,
    IEnumerable<IGitHubDeliverySink> sinks,
    IOptions<GitHubWebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookProcessingService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private readonly GitHubWebhookOptions _options = options.Value;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.Secret) && _options.AllowUnsigned && _options.EnableReceiver) GitHubLog.Unsigned(logger);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var processed = false;
                using (var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.webhook.process"))
                {
                    activity?.SetTag("promptwatch.github.event", delivery.Event);
                    activity?.SetTag("promptwatch.github.delivery", delivery.Id);
                    try
                    {
                        processed = await ProcessAsync(delivery, stoppingToken).ConfigureAwait(false);
                        if (!processed) activity.RecordFailure("not_applied", "The delivery was not applied to the counter store.");
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        activity.RecordFailure(e);
                        throw;
                    }
                    finally
                    {
                        queue.Done(delivery, processed);
                    }
                }

                // Counted only now that it is done with: its alerts are raised and a redelivery of it is queued again.
                if (processed) status.Processed(timeProvider.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Counts and alerts for one delivery; whether the counter store took it (applied, or counted before).</summary>
    private async Task<bool> ProcessAsync(GitHubDelivery delivery, CancellationToken stoppingToken)
    {
        using var scope = PromptWatch.Diagnostics.OperationScope.Begin(logger, delivery.Id);
        var outcome = new GitHubEventOutcome();
        if (delivery.UnknownAction is { } action) GitHubLog.UnknownAction(logger, delivery.Event, action.Length > 0 ? action : "(missing, or not a plain name)", delivery.Id);
        try
        {
            await processor.ProcessAsync(delivery, outcome, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A bug in a host's processor must not stop every later delivery.
            GitHubLog.ProcessorFailed(logger, e, delivery.Event, delivery.Id);
            metrics.Delivery(delivery.Event, "processor_failed");
            return false;
        }

        if (delivery.Payload is PushEvent push) rescanner.RescanFor(push, stoppingToken);
        foreach (var sink in sinks) await sink.ReceiveAsync(delivery, stoppingToken).ConfigureAwait(false);

        var increments = counters.IncrementsFor(outcome.Counts, delivery.ReceivedAt, repositories.Of(delivery.Payload?.Repository));
        var marker = counters.DeliveryMarker(delivery.Id);
        // Every retry below is this attempt: when a call applied the increments but timed out, the retry learns it
        // from the id and still raises the alerts; a redelivery processed later is another attempt.
        var attemptId = Guid.NewGuid().ToString("N");
        var delay = FirstRetryDelay;
        var permanentFailures = 0;
        for (var attempt = 1; ; attempt++)
        {
            ApplyOnceOutcome applied;
            try
            {
                applied = await store.ApplyOnceAsync(marker, attemptId, _options.DeliveryMemory, increments, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                metrics.StoreFailures.Add(1);
                storeAlerts.Failed();
                status.StoreFailed(timeProvider.GetUtcNow(), e.GetType().Name);
                // PromptWatch's own stores say what failed in a message free of secrets; of any other exception only its type is logged.
                var reason = e is PromptWatchException ? e.Message : e.GetType().Name;
                if (e is PromptWatchException { IsPermanent: true } && ++permanentFailures >= _options.MaxStoreAttempts)
                {
                    metrics.Delivery(delivery.Event, "dead_lettered");
                    GitHubLog.DeadLettered(logger, delivery.Event, delivery.Id, attempt, reason);
                    deadLetters.Add(new DeadLetteredDelivery(delivery.Event, delivery.Id, attempt, reason, timeProvider.GetUtcNow()));
                    return false;
                }

                GitHubLog.StoreFailed(logger, delivery.Id, attempt, delay, reason);
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                continue;
            }

            storeAlerts.Succeeded();
            if (attempt > 1) GitHubLog.StoreRecovered(logger, delivery.Id, attempt);
            if (applied == ApplyOnceOutcome.AlreadyApplied)
            {
                metrics.Delivery(delivery.Event, "replayed");
                GitHubLog.Replayed(logger, delivery.Event, delivery.Id);
                return true;
            }

            if (applied == ApplyOnceOutcome.AppliedBySameAttempt) GitHubLog.AppliedBeforeFailure(logger, delivery.Event, delivery.Id, attempt);
            metrics.Delivery(delivery.Event, "applied");
            if (logger.IsEnabled(LogLevel.Debug))
            {
                GitHubLog.Applied(logger, delivery.Event, delivery.Id, string.Join(", ", outcome.Counts.Select(static c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}+{c.Value}"))));
            }

            var ofKind = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var alert in outcome.Alerts)
            {
                var index = ofKind.GetValueOrDefault(alert.Kind);
                ofKind[alert.Kind] = index + 1;
                alerts.Raise(new GitHubAlert(alert.Kind, alert.Severity, alert.Repository, alert.Message, delivery.ReceivedAt, delivery.Id) { Url = alert.Url, Labels = alert.Labels }, index);
            }

            return true;
        }
    }
}
