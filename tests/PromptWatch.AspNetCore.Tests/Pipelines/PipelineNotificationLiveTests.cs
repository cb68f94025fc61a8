using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PromptWatch.Pipelines;
using PromptWatch.Tests.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>
/// The notifications topic of /ws, over a real WebSocket client on Kestrel: a branch that breaks through
/// <see cref="PipelineUpdater"/> raises <c>pipeline_failure</c>, the engine's default rule notifies, and the notification
/// reaches the subscriber; its recovery's resolved notification follows.
/// </summary>
public sealed class PipelineNotificationLiveTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_notifications_subscriber_receives_the_notification_of_a_broken_branch_and_of_its_recovery()
    {
        await using var host = await PipelineTestHost.StartAsync(kestrel: true, alerting: true);
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(new Uri("ws://" + host.Address!.Authority + "/ws"), timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"subscribe","events":["notifications"]}"""), WebSocketMessageType.Text, true, timeout.Token);
        Assert.Equal("subscribed", (await ReceiveAsync(socket, timeout.Token)).GetProperty("type").GetString());

        var now = PipelineTestHost.Now;
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(1, now.AddMinutes(-40)), default);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(2, now.AddMinutes(-20), conclusion: PipelineConclusion.Failure) with { HtmlUrl = "https://ci.example/runs/2" }, default);

        var firing = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal(("notifications", "notification"), (firing.GetProperty("type").GetString(), firing.GetProperty("event").GetString()));
        Assert.Equal(PipelineSamples.Repository, firing.GetProperty("repository").GetString());
        var data = firing.GetProperty("data");
        Assert.Equal("firing", data.GetProperty("kind").GetString());
        Assert.Equal("pipeline_failure", data.GetProperty("rule").GetString());
        Assert.Equal("error", data.GetProperty("severity").GetString());
        Assert.Contains("ci failed on main", data.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("log", data.GetProperty("channels").EnumerateArray().Select(static c => c.GetString()));
        var alert = data.GetProperty("alerts")[0];
        Assert.Equal("main", alert.GetProperty("labels").GetProperty("branch").GetString());
        Assert.Equal("https://ci.example/runs/2", alert.GetProperty("url").GetString());

        await host.Updater.ApplyRunAsync(PipelineSamples.Run(3, now.AddMinutes(-10)), default);
        var resolved = (await ReceiveAsync(socket, timeout.Token)).GetProperty("data");
        Assert.Equal(("resolved", "pipeline_failure"), (resolved.GetProperty("kind").GetString(), resolved.GetProperty("rule").GetString()));

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }
}
