using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptWatch.Pipelines;
using PromptWatch.Tests.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>
/// /ws over Kestrel with a real <see cref="ClientWebSocket"/>: the close handshake when the client closes, when the host
/// stops and when the client is too slow, each with its status and reason; the live instruments count it all.
/// </summary>
public sealed class PipelineWebSocketCloseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<ClientWebSocket> ConnectAsync(PipelineTestHost host, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri("ws://" + host.Address!.Authority + "/ws"), cancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"subscribe"}"""), WebSocketMessageType.Text, true, cancellationToken);
        var buffer = new byte[4096];
        var subscribed = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
        Assert.Contains("subscribed", Encoding.UTF8.GetString(buffer, 0, subscribed.Count), StringComparison.Ordinal);
        return socket;
    }

    /// <summary>Reads until the server's close frame; how many messages came before it.</summary>
    private static async Task<int> ReadUntilCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var messages = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return messages;
            if (result.EndOfMessage) messages++;
        }
    }

    [Fact]
    public async Task A_client_close_is_answered_with_a_normal_close_and_the_connection_gauge_goes_back()
    {
        await using var host = await PipelineTestHost.StartAsync(kestrel: true);
        using var connections = new MetricCollector<long>(host.App.Services.GetRequiredService<IMeterFactory>(), "PromptWatch", "promptwatch.pipelines.live.connections");
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = await ConnectAsync(host, timeout.Token);
        Assert.Equal(1, connections.GetMeasurementSnapshot().Sum(static m => m.Value));

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Equal("bye", socket.CloseStatusDescription);
        await Eventually(() => connections.GetMeasurementSnapshot().Sum(static m => m.Value) == 0, "the connection to be counted closed", timeout.Token);
        Assert.All(connections.GetMeasurementSnapshot(), static m => Assert.Equal("websocket", m.Tags["promptwatch.pipeline.transport"]));
    }

    [Fact]
    public async Task Stopping_the_host_closes_the_socket_with_1001_and_a_reason()
    {
        var host = await PipelineTestHost.StartAsync(kestrel: true);
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = await ConnectAsync(host, timeout.Token);
        using var disconnected = new MetricCollector<long>(host.App.Services.GetRequiredService<IMeterFactory>(), "PromptWatch", "promptwatch.pipelines.live.disconnected");

        var stopping = host.DisposeAsync().AsTask();
        await ReadUntilCloseAsync(socket, timeout.Token);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        Assert.Equal("the server is shutting down", socket.CloseStatusDescription);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", timeout.Token);
        await stopping.WaitAsync(timeout.Token);
        Assert.Equal("shutdown", Assert.Single(disconnected.GetMeasurementSnapshot()).Tags["promptwatch.reason"]);
    }

    [Fact]
    public async Task A_client_too_slow_gets_a_1008_close_with_a_reason_and_the_drop_is_counted()
    {
        await using var host = await PipelineTestHost.StartAsync(static o => o.LiveBufferSize = 16, kestrel: true);
        var meters = host.App.Services.GetRequiredService<IMeterFactory>();
        using var dropped = new MetricCollector<long>(meters, "PromptWatch", "promptwatch.pipelines.live.dropped");
        using var disconnected = new MetricCollector<long>(meters, "PromptWatch", "promptwatch.pipelines.live.disconnected");
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = await ConnectAsync(host, timeout.Token);

        // Far more changes than the buffer holds, published while the client reads nothing.
        var events = host.App.Services.GetRequiredService<IPipelineEvents>();
        var run = PipelineSamples.Run(1, PipelineTestHost.Now.AddHours(-1), PipelineStatus.InProgress);
        for (var i = 0; i < 1000; i++) events.Publish(new PipelineChange(PipelineChangeKind.Run, run.Repository, run, null, null, null, PipelineTestHost.Now));

        var received = await ReadUntilCloseAsync(socket, timeout.Token);
        Assert.True(received < 2000, $"The slow client received {received} messages.");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Equal("too slow: messages were dropped", socket.CloseStatusDescription);
        Assert.NotEmpty(dropped.GetMeasurementSnapshot());
        await Eventually(() => disconnected.GetMeasurementSnapshot().Any(static m => (string?)m.Tags["promptwatch.reason"] == "slow"), "the slow client to be counted", timeout.Token);
    }

    private static async Task Eventually(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            Assert.False(cancellationToken.IsCancellationRequested, $"Timed out waiting for {what}.");
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
