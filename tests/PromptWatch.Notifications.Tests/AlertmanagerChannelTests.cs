using System.Globalization;
using System.Text.Json;
using PromptWatch.Alerting;
using PromptWatch.Notifications.Tests.Support;

namespace PromptWatch.Notifications.Tests;

/// <summary>A real Alertmanager receives a firing alert and then its resolution through its v2 API.</summary>
public sealed class AlertmanagerChannelTests
{
    [Fact]
    public async Task A_firing_alert_is_active_in_Alertmanager_and_its_resolution_ends_it()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?> { ["Alertmanager:Url"] = alertmanager.Url.AbsoluteUri });
        var channel = host.Channel("alertmanager");
        var rule = "disk_full_" + Guid.NewGuid().ToString("N")[..6];
        var alert = SampleNotifications.Alert(rule: rule, labels: new Dictionary<string, string> { ["alertname"] = rule, ["host"] = "web-1", ["promptwatch.repository"] = "prompts" });

        await channel.SendAsync(SampleNotifications.Firing(alert), CancellationToken.None);

        var active = Assert.Single(await alertmanager.WaitForAlertsAsync(rule, static a => a.Length == 1 && a[0].GetProperty("status").GetProperty("state").GetString() == "active"));
        var labels = active.GetProperty("labels");
        Assert.Equal(rule, labels.GetProperty("alertname").GetString());
        Assert.Equal("critical", labels.GetProperty("severity").GetString());
        Assert.Equal("web-1", labels.GetProperty("host").GetString());
        Assert.Equal("prompts", labels.GetProperty("promptwatch_repository").GetString());
        Assert.Equal(alert.Summary, active.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("CPU use stayed above the threshold.", active.GetProperty("annotations").GetProperty("description").GetString());
        Assert.Equal("https://promptwatch.example.com/runs/42", active.GetProperty("generatorURL").GetString());
        Assert.Equal(alert.FiredAt!.Value.UtcDateTime, Time(active, "startsAt"), TimeSpan.FromMilliseconds(1));
        Assert.True(Time(active, "endsAt") > DateTime.UtcNow, "A firing alert's endsAt is in the future.");

        var resolvedAt = DateTimeOffset.UtcNow;
        await channel.SendAsync(SampleNotifications.Resolved(alert, resolvedAt), CancellationToken.None);

        // Alertmanager's API lists no alert whose endsAt has passed: the resolution ended it.
        await alertmanager.WaitForAlertsAsync(rule, static a => a.Length == 0);
    }

    [Fact]
    public async Task A_path_prefix_is_kept_credentials_in_the_URL_become_basic_authentication_and_FiringEndsAfter_sets_endsAt()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?>
        {
            ["Alertmanager:Url"] = $"http://promptwatch:s3cret%21@{receiver.Url.Authority}/alertmanager/",
            ["Alertmanager:FiringEndsAfter"] = "00:10:00",
        });
        var notification = SampleNotifications.Firing(SampleNotifications.Alert());

        await host.Channel("alertmanager").SendAsync(notification, CancellationToken.None);

        var request = await receiver.NextAsync();
        Assert.Equal("/alertmanager/api/v2/alerts", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String("promptwatch:s3cret!"u8.ToArray()), request.Headers["Authorization"]);
        using var json = request.Json();
        var sent = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(notification.At.UtcDateTime.AddMinutes(10), Time(sent, "endsAt"), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_repeat_keeps_the_alert_active_in_Alertmanager_and_moves_its_end()
    {
        await using var alertmanager = await AlertmanagerServer.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?>
        {
            ["Alertmanager:Url"] = alertmanager.Url.AbsoluteUri,
            ["Alertmanager:FiringEndsAfter"] = "00:10:00",
            ["Alertmanager:RepeatInterval"] = "00:02:00",
        });
        var channel = Assert.IsAssignableFrom<IRepeatingAlertChannel>(host.Channel("alertmanager"));
        Assert.Equal(TimeSpan.FromMinutes(2), channel.RepeatInterval);
        var rule = "repeat_" + Guid.NewGuid().ToString("N")[..6];
        var firing = SampleNotifications.Firing(SampleNotifications.Alert(rule: rule));

        await channel.SendAsync(firing, CancellationToken.None);
        var first = Time(Assert.Single(await alertmanager.WaitForAlertsAsync(rule, static a => a.Length == 1)), "endsAt");

        // The engine's repeat two minutes later: the same alert, its end ten minutes after this send.
        var repeat = firing with { Kind = AlertNotificationKind.Repeat, At = firing.At.AddMinutes(2) };
        await channel.SendAsync(repeat, CancellationToken.None);
        var moved = await alertmanager.WaitForAlertsAsync(rule, a => a.Length == 1 && Time(a[0], "endsAt") > first.AddMinutes(1));
        Assert.Equal(repeat.At.UtcDateTime.AddMinutes(10), Time(moved[0], "endsAt"), TimeSpan.FromSeconds(1));
        Assert.Equal("active", moved[0].GetProperty("status").GetProperty("state").GetString());
    }

    private static DateTime Time(JsonElement alert, string name) =>
        DateTimeOffset.Parse(alert.GetProperty(name).GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
}
