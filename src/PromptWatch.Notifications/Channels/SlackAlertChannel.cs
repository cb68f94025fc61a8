using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>The <c>slack</c> channel: a Block Kit message (<see cref="SlackPayload"/>) through an incoming webhook.</summary>
internal sealed class SlackAlertChannel(IHttpClientFactory clients, AlertChannelOptions options, NotificationMetrics metrics, TimeProvider timeProvider, ILogger<SlackAlertChannel> logger)
    : HttpAlertChannel(clients, options.Delivery, metrics, timeProvider, logger)
{
    public const string ChannelName = "slack";

    private readonly Uri _url = new(options.Slack.WebhookUrl!);
    private readonly SlackChannelOptions _slack = options.Slack;

    public override string Name => ChannelName;

    protected override Uri Endpoint => _url;

    protected override JsonNode CreateBody(AlertNotification notification) => SlackPayload.Create(notification, _slack);
}
