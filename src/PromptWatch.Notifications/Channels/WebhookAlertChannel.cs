using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>The <c>webhook</c> channel: the notification as JSON (<see cref="WebhookPayload"/>) with the configured headers.</summary>
internal sealed class WebhookAlertChannel(IHttpClientFactory clients, AlertChannelOptions options, NotificationMetrics metrics, TimeProvider timeProvider, ILogger<WebhookAlertChannel> logger)
    : HttpAlertChannel(clients, options.Delivery, metrics, timeProvider, logger)
{
    public const string ChannelName = "webhook";

    private readonly Uri _url = new(options.Webhook.Url!);
    private readonly KeyValuePair<string, string>[] _headers = [.. options.Webhook.Headers];

    public override string Name => ChannelName;

    protected override Uri Endpoint => _url;

    protected override JsonNode CreateBody(AlertNotification notification) => WebhookPayload.Create(notification);

    protected override void AddHeaders(HttpRequestMessage request)
    {
        foreach (var (name, value) in _headers) request.Headers.TryAddWithoutValidation(name, value);
    }
}
