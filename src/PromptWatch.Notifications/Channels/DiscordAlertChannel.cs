using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>The <c>discord</c> channel: an embed (<see cref="DiscordPayload"/>) through a channel webhook.</summary>
internal sealed class DiscordAlertChannel(IHttpClientFactory clients, AlertChannelOptions options, NotificationMetrics metrics, TimeProvider timeProvider, ILogger<DiscordAlertChannel> logger)
    : HttpAlertChannel(clients, options.Delivery, metrics, timeProvider, logger)
{
    public const string ChannelName = "discord";

    private readonly Uri _url = new(options.Discord.WebhookUrl!);
    private readonly DiscordChannelOptions _discord = options.Discord;

    public override string Name => ChannelName;

    protected override Uri Endpoint => _url;

    protected override JsonNode CreateBody(AlertNotification notification) => DiscordPayload.Create(notification, _discord);
}
