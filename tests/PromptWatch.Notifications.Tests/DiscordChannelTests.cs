using System.Globalization;
using PromptWatch.Alerting;
using PromptWatch.Notifications.Tests.Support;

namespace PromptWatch.Notifications.Tests;

/// <summary>The Discord channel posts one embed of the documented shape, within Discord's limits.</summary>
public sealed class DiscordChannelTests
{
    [Theory]
    [InlineData(AlertSeverity.Critical, 0x992D22)]
    [InlineData(AlertSeverity.Warning, 0xF1C40F)]
    [InlineData(AlertSeverity.Info, 0x3498DB)]
    public async Task A_firing_notification_is_an_embed_with_title_description_colour_by_severity_fields_and_timestamp(AlertSeverity severity, int color)
    {
        await using var discord = await LoopbackReceiver.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?> { ["Discord:WebhookUrl"] = discord.Url.AbsoluteUri, ["Discord:Username"] = "PromptWatch" });
        var notification = SampleNotifications.Firing(SampleNotifications.Alert(severity: severity));

        await host.Channel("discord").SendAsync(notification, CancellationToken.None);

        using var json = (await discord.NextAsync()).Json();
        Assert.Equal("PromptWatch", json.RootElement.GetProperty("username").GetString());
        var embed = Assert.Single(json.RootElement.GetProperty("embeds").EnumerateArray());
        Assert.Equal($"[{severity.ToString().ToUpperInvariant()}] cpu_high: CPU at 93.5 % (above 80 %)", embed.GetProperty("title").GetString());
        Assert.Contains("CPU use stayed above the threshold.", embed.GetProperty("description").GetString());
        Assert.Equal(color, embed.GetProperty("color").GetInt32());
        Assert.Equal(SampleNotifications.Dashboard.AbsoluteUri, embed.GetProperty("url").GetString());
        var timestamp = DateTimeOffset.Parse(embed.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        Assert.True((timestamp - notification.At).Duration() < TimeSpan.FromSeconds(1));
        var fields = embed.GetProperty("fields").EnumerateArray().ToDictionary(static f => f.GetProperty("name").GetString()!, static f => f.GetProperty("value").GetString());
        Assert.Equal(severity.ToString().ToLowerInvariant(), fields["Severity"]);
        Assert.Equal("firing", fields["State"]);
        Assert.Equal("93.5", fields["Value"]);
        Assert.Equal("web-1", fields["host"]);
    }

    [Fact]
    public async Task A_resolution_is_green_and_oversized_alerts_are_cut_to_the_documented_limits()
    {
        await using var discord = await LoopbackReceiver.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?> { ["Discord:WebhookUrl"] = discord.Url.AbsoluteUri });
        var labels = Enumerable.Range(0, 40).ToDictionary(static i => "label_" + i + new string('n', 300), static _ => new string('v', 2000));
        var alert = SampleNotifications.Alert(rule: "r" + new string('r', 400), summary: new string('s', 10_000), labels: labels);

        await host.Channel("discord").SendAsync(SampleNotifications.Resolved(alert, DateTimeOffset.UtcNow), CancellationToken.None);

        using var json = (await discord.NextAsync()).Json();
        var embed = Assert.Single(json.RootElement.GetProperty("embeds").EnumerateArray());
        Assert.Equal(0x2ECC71, embed.GetProperty("color").GetInt32());
        var title = embed.GetProperty("title").GetString()!;
        var description = embed.GetProperty("description").GetString()!;
        var fields = embed.GetProperty("fields").EnumerateArray().ToList();
        Assert.StartsWith("[RESOLVED]", title);
        Assert.InRange(title.Length, 1, 256);
        Assert.InRange(description.Length, 1, 4096);
        Assert.InRange(fields.Count, 1, 25);
        Assert.All(fields, static f =>
        {
            Assert.InRange(f.GetProperty("name").GetString()!.Length, 1, 256);
            Assert.InRange(f.GetProperty("value").GetString()!.Length, 1, 1024);
        });
        var total = title.Length + description.Length + embed.GetProperty("footer").GetProperty("text").GetString()!.Length
            + fields.Sum(static f => f.GetProperty("name").GetString()!.Length + f.GetProperty("value").GetString()!.Length);
        Assert.True(total <= 6000, $"The embed holds {total} characters.");
    }
}
