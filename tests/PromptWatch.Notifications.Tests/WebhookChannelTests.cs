using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Notifications.Tests.Support;

namespace PromptWatch.Notifications.Tests;

/// <summary>The generic webhook posts the notification as JSON with the configured headers.</summary>
public sealed class WebhookChannelTests
{
    [Fact]
    public async Task The_notification_is_posted_as_JSON_with_every_alert_field_and_the_configured_headers()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?>
        {
            ["Webhook:Url"] = receiver.Url.AbsoluteUri,
            ["Webhook:Headers:Authorization"] = "Bearer webhook-token-secret",
            ["Webhook:Headers:X-Team"] = "platform",
        });
        var alert = SampleNotifications.Alert();
        var notification = SampleNotifications.Firing(alert);

        await host.Channel("webhook").SendAsync(notification, CancellationToken.None);

        var request = await receiver.NextAsync();
        Assert.Equal("Bearer webhook-token-secret", request.Headers["Authorization"]);
        Assert.Equal("platform", request.Headers["X-Team"]);
        using var json = request.Json();
        var root = json.RootElement;
        Assert.Equal("firing", root.GetProperty("kind").GetString());
        Assert.Equal(notification.GroupKey, root.GetProperty("group_key").GetString());
        Assert.Equal(SampleNotifications.Dashboard.AbsoluteUri, root.GetProperty("dashboard_url").GetString());
        var sent = Assert.Single(root.GetProperty("alerts").EnumerateArray());
        Assert.Equal(alert.Id, sent.GetProperty("id").GetString());
        Assert.Equal("cpu_high", sent.GetProperty("rule").GetString());
        Assert.Equal("critical", sent.GetProperty("severity").GetString());
        Assert.Equal("firing", sent.GetProperty("state").GetString());
        Assert.Equal("web-1", sent.GetProperty("labels").GetProperty("host").GetString());
        Assert.Equal(alert.Summary, sent.GetProperty("summary").GetString());
        Assert.Equal(93.5, sent.GetProperty("value").GetDouble());
        Assert.Equal(alert.StartsAt.UtcDateTime, DateTimeOffset.Parse(sent.GetProperty("starts_at").GetString()!, CultureInfo.InvariantCulture).UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(alert.FiredAt!.Value.UtcDateTime, DateTimeOffset.Parse(sent.GetProperty("fired_at").GetString()!, CultureInfo.InvariantCulture).UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal("https://promptwatch.example.com/runs/42", sent.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Channel_requests_are_marked_so_that_hosts_can_keep_their_secret_URLs_out_of_HTTP_traces()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var seen = new ConcurrentQueue<(bool Marked, string? Channel)>();
        using var host = new ChannelHost(
            new Dictionary<string, string?> { ["Webhook:Url"] = receiver.Url.AbsoluteUri },
            services: services => services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new ObservingHandler(seen))));

        await host.Channel("webhook").SendAsync(SampleNotifications.Firing(SampleNotifications.Alert()), CancellationToken.None);

        var (marked, channel) = Assert.Single(seen);
        Assert.True(marked);
        Assert.Equal("webhook", channel);
        using var other = new HttpRequestMessage(HttpMethod.Get, receiver.Url);
        Assert.False(AlertChannelRequests.IsAlertChannelRequest(other));
    }

    private sealed class ObservingHandler(ConcurrentQueue<(bool, string?)> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.TryGetValue(AlertChannelRequests.ChannelKey, out var channel);
            seen.Enqueue((AlertChannelRequests.IsAlertChannelRequest(request), channel));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
