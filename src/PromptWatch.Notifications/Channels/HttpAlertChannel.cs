using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// A channel that POSTs JSON through its own named <see cref="HttpClient"/>, whose resilience handler retries and
/// times out (<see cref="DeliveryPipelines.ConfigureHttp"/>). Each call is recorded as an <c>alert_sink</c> dependency
/// call; failures are thrown as <see cref="PromptWatchException"/> with the status code only, never the URL.
/// </summary>
internal abstract class HttpAlertChannel(
    IHttpClientFactory clients,
    AlertDeliveryOptions delivery,
    NotificationMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger) : IAlertChannel
{
    /// <summary>The named client's prefix; the channel's name follows it.</summary>
    public const string ClientNamePrefix = "PromptWatch.Notifications.";

    public abstract string Name { get; }

    /// <summary>Where to POST.</summary>
    protected abstract Uri Endpoint { get; }

    public static string ClientName(string channel) => ClientNamePrefix + channel;

    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var started = timeProvider.GetTimestamp();
        int? status = null;
        try
        {
            // Buffered content: the resilience handler sends the same request again on a retry.
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
            {
                Content = new StringContent(CreateBody(notification).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Options.Set(AlertChannelRequests.ChannelKey, Name);
            AddHeaders(request);
            using var client = clients.CreateClient(ClientName(Name));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) throw ChannelFailures.Status(Name, response.StatusCode);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var failure = ChannelFailures.Http(Name, e, delivery);
            var elapsed = timeProvider.GetElapsedTime(started);
            metrics.Record(elapsed, failure, status);
            ChannelLog.Failed(logger, Name, NotificationText.Kind(notification.Kind), notification.GroupKey, (long)elapsed.TotalMilliseconds, failure.Message);
            throw failure;
        }

        var took = timeProvider.GetElapsedTime(started);
        metrics.Record(took, httpStatusCode: status);
        ChannelLog.Sent(logger, Name, NotificationText.Kind(notification.Kind), notification.Alerts.Count, notification.GroupKey, (long)took.TotalMilliseconds);
    }

    /// <summary>The JSON to POST.</summary>
    protected abstract JsonNode CreateBody(AlertNotification notification);

    /// <summary>Adds the channel's own headers.</summary>
    protected virtual void AddHeaders(HttpRequestMessage request)
    {
    }
}
