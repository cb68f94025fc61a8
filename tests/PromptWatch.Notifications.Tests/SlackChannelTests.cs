using System.Text.Json;
using PromptWatch.Alerting;
using PromptWatch.Notifications.Tests.Support;

namespace PromptWatch.Notifications.Tests;

/// <summary>The Slack channel posts Block Kit messages of the documented shape to the incoming webhook.</summary>
public sealed class SlackChannelTests
{
    [Fact]
    public async Task A_firing_notification_is_a_Block_Kit_message_with_header_section_fields_context_and_a_dashboard_button()
    {
        await using var slack = await LoopbackReceiver.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?> { ["Slack:WebhookUrl"] = slack.Url.AbsoluteUri, ["Slack:Username"] = "PromptWatch" });
        var alert = SampleNotifications.Alert(summary: "CPU at 93.5 % <above> 80 % & rising");

        await host.Channel("slack").SendAsync(SampleNotifications.Firing(alert), CancellationToken.None);

        var request = await slack.NextAsync();
        Assert.Equal("POST", request.Method);
        Assert.Equal(LoopbackReceiver.SecretPath, request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        using var json = request.Json();
        var root = json.RootElement;
        Assert.Equal("[CRITICAL] cpu_high: CPU at 93.5 % <above> 80 % & rising", root.GetProperty("text").GetString());
        Assert.Equal("PromptWatch", root.GetProperty("username").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "context", "actions"], blocks.Select(static b => b.GetProperty("type").GetString()));

        var header = blocks[0].GetProperty("text");
        Assert.Equal("plain_text", header.GetProperty("type").GetString());
        Assert.Contains("[CRITICAL] cpu_high", header.GetProperty("text").GetString());
        Assert.True(header.GetProperty("text").GetString()!.Length <= 150);

        var section = blocks[2];
        Assert.Equal("mrkdwn", section.GetProperty("text").GetProperty("type").GetString());
        Assert.Contains("&lt;above&gt; 80 % &amp; rising", section.GetProperty("text").GetProperty("text").GetString());
        Assert.Contains("<https://promptwatch.example.com/runs/42|details>", section.GetProperty("text").GetProperty("text").GetString());
        var fields = section.GetProperty("fields").EnumerateArray().ToList();
        Assert.InRange(fields.Count, 1, 10);
        Assert.All(fields, static f => Assert.Equal("mrkdwn", f.GetProperty("type").GetString()));
        var fieldTexts = fields.Select(static f => f.GetProperty("text").GetString()).ToList();
        Assert.Contains("*Severity*\ncritical", fieldTexts);
        Assert.Contains("*State*\nfiring", fieldTexts);
        Assert.Contains("*Value*\n93.5", fieldTexts);
        Assert.Contains("*Labels*\nalertname=cpu_high, host=web-1, team=platform", fieldTexts);

        Assert.Equal("mrkdwn", blocks[3].GetProperty("elements")[0].GetProperty("type").GetString());
        var button = blocks[4].GetProperty("elements")[0];
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("plain_text", button.GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(SampleNotifications.Dashboard.AbsoluteUri, button.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_resolution_says_resolved_and_a_large_group_stays_within_Slack_limits()
    {
        await using var slack = await LoopbackReceiver.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string?> { ["Slack:WebhookUrl"] = slack.Url.AbsoluteUri });
        var alerts = Enumerable.Range(0, 60).Select(i => SampleNotifications.Alert(summary: new string('x', 5000) + i)).ToArray();

        await host.Channel("slack").SendAsync(SampleNotifications.Firing(alerts) with { Kind = AlertNotificationKind.Resolved }, CancellationToken.None);

        using var json = (await slack.NextAsync()).Json();
        var blocks = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 1, 50);
        Assert.StartsWith("✅ [RESOLVED] [CRITICAL] cpu_high", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.True(blocks[0].GetProperty("text").GetProperty("text").GetString()!.Length <= 150);
        Assert.All(blocks.Where(static b => b.GetProperty("type").GetString() == "section"), static b =>
        {
            Assert.True(b.GetProperty("text").GetProperty("text").GetString()!.Length <= 3000);
            if (b.TryGetProperty("fields", out var fields)) Assert.All(fields.EnumerateArray(), static f => Assert.True(f.GetProperty("text").GetString()!.Length <= 2000));
        });
        Assert.Contains("more alert(s) not shown", blocks.Single(static b => b.GetProperty("type").GetString() == "context").GetProperty("elements")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("text").ValueKind);
    }
}
