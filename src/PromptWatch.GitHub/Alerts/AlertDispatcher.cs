using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Diagnostics;
using PromptWatch.GitHub.Hosting;

namespace PromptWatch.GitHub.Alerts;

/// <summary>Sends queued alerts to every sink, each attempt with a timeout, retrying with backoff.</summary>
internal sealed class AlertDispatcher(
    GitHubAlerts alerts,
    IEnumerable<IGitHubAlertSink> sinks,
    IOptions<GitHubWebhookOptions> options,
    TimeProvider timeProvider,
    GitHubMetrics metrics,
    ILogger<AlertDispatcher> logger) : BackgroundService
{
    // Built-in sinks without an address are left out: sending to them would count deliveries that never happened.
    private readonly IGitHubAlertSink[] _sinks = [.. sinks.Where(static sink => sink is not IOptionalAlertSink { IsConfigured: false })];
    private readonly GitHubAlertOptions _options = options.Value.Alerts;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in alerts.ForSinks.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await Task.WhenAll(_sinks.Select(sink => SendAsync(sink, alert, stoppingToken))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task SendAsync(IGitHubAlertSink sink, GitHubAlert alert, CancellationToken stoppingToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_options.Timeout);
            string reason;
            var started = timeProvider.GetTimestamp();
            try
            {
                await sink.SendAsync(alert, timeout.Token).ConfigureAwait(false);
                metrics.Dependencies.Record(DependencyMetrics.AlertSink, timeProvider.GetElapsedTime(started));
                metrics.AlertDeliveries.Add(1, new("promptwatch.alert.sink", sink.Name), new("promptwatch.outcome", "success"));
                return;
            }
            catch (OperationCanceledException e) when (!stoppingToken.IsCancellationRequested)
            {
                metrics.Dependencies.Record(DependencyMetrics.AlertSink, timeProvider.GetElapsedTime(started), new TimeoutException(e.Message, e));
                reason = $"no answer within {_options.Timeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                metrics.Dependencies.Record(DependencyMetrics.AlertSink, timeProvider.GetElapsedTime(started), e, e.StatusCode is { } code ? (int)code : null);
                // The message of an HttpRequestException may hold the host; the status code is what matters.
                reason = e.StatusCode is { } status ? $"status {(int)status}" : $"connection failed ({e.HttpRequestError})";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                metrics.Dependencies.Record(DependencyMetrics.AlertSink, timeProvider.GetElapsedTime(started), e);
                reason = e.GetType().Name;
            }

            if (attempt >= _options.Retries)
            {
                metrics.AlertDeliveries.Add(1, new("promptwatch.alert.sink", sink.Name), new("promptwatch.outcome", "failure"));
                GitHubLog.AlertSinkGaveUp(logger, sink.Name, alert.Kind, alert.Delivery, attempt + 1, reason);
                return;
            }

            GitHubLog.AlertSinkRetry(logger, sink.Name, alert.Kind, attempt + 1, reason);
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay *= 2;
        }
    }
}
