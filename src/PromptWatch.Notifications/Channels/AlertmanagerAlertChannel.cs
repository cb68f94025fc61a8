using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;

namespace PromptWatch.Notifications;

/// <summary>
/// The <c>alertmanager</c> channel: the alerts (<see cref="AlertmanagerPayload"/>) POSTed to <c>{Url}/api/v2/alerts</c>, firing
/// ones again every <see cref="AlertmanagerChannelOptions.RepeatInterval"/> so that Alertmanager keeps them active.
/// </summary>
internal sealed class AlertmanagerAlertChannel(IHttpClientFactory clients, AlertChannelOptions options, NotificationMetrics metrics, TimeProvider timeProvider, ILogger<AlertmanagerAlertChannel> logger)
    : HttpAlertChannel(clients, options.Delivery, metrics, timeProvider, logger), IRepeatingAlertChannel
{
    public const string ChannelName = "alertmanager";

    private readonly Uri _url = AlertsEndpoint(new Uri(options.Alertmanager.Url!));
    private readonly AuthenticationHeaderValue? _authorization = BasicAuthorization(new Uri(options.Alertmanager.Url!));
    private readonly AlertmanagerChannelOptions _alertmanager = options.Alertmanager;

    public override string Name => ChannelName;

    public TimeSpan RepeatInterval => _alertmanager.RepeatInterval;

    protected override Uri Endpoint => _url;

    /// <summary>
    /// <c>{base}/api/v2/alerts</c>, keeping a path prefix (Alertmanager behind <c>--web.route-prefix</c>), without the
    /// user name and password of the base URL (they are sent as basic authentication instead).
    /// </summary>
    public static Uri AlertsEndpoint(Uri baseUrl)
    {
        var builder = new UriBuilder(baseUrl) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
        builder.Path = builder.Path.TrimEnd('/') + "/api/v2/alerts";
        return builder.Uri;
    }

    protected override void AddHeaders(HttpRequestMessage request)
    {
        if (_authorization is not null) request.Headers.Authorization = _authorization;
    }

    private static AuthenticationHeaderValue? BasicAuthorization(Uri baseUrl) =>
        baseUrl.UserInfo is { Length: > 0 } userInfo
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))))
            : null;

    protected override JsonNode CreateBody(AlertNotification notification) => AlertmanagerPayload.Create(notification, _alertmanager);
}
