using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using PromptWatch.Pipelines;
using PromptWatch.Tests.Pipelines;

namespace PromptWatch.AspNetCore.Tests.Pipelines;

/// <summary>Live changes over WebSocket /ws and server-sent events: subscriptions, ping, the connection cap, slow clients.</summary>
public sealed class PipelineLiveTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<WebSocket> ConnectAsync(PipelineTestHost host)
    {
        var client = host.App.GetTestServer().CreateWebSocketClient();
        return await client.ConnectAsync(new Uri("ws://localhost/ws"), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }

    [Fact]
    public async Task A_subscriber_gets_the_changes_of_its_topics_pongs_and_nothing_after_unsubscribing()
    {
        await using var host = await PipelineTestHost.StartAsync();
        using var socket = await ConnectAsync(host);

        await SendAsync(socket, """{"type":"subscribe","events":["builds"]}""");
        var subscribed = await ReceiveAsync(socket);
        Assert.Equal("subscribed", subscribed.GetProperty("type").GetString());
        Assert.Equal(["builds"], subscribed.GetProperty("subscriptions").EnumerateArray().Select(static e => e.GetString()));

        // A deployment is not a build change: the next message is the run's.
        await host.Updater.ApplyDeploymentAsync(PipelineSamples.Deployment(1, PipelineTestHost.Now.AddHours(-1)), default);
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(5, PipelineTestHost.Now.AddMinutes(-5), PipelineStatus.InProgress), default);
        var change = await ReceiveAsync(socket);
        Assert.Equal(("builds", "run"), (change.GetProperty("type").GetString(), change.GetProperty("event").GetString()));
        Assert.Equal(5, change.GetProperty("data").GetProperty("id").GetInt64());
        Assert.Equal("in_progress", change.GetProperty("data").GetProperty("status").GetString());

        // The same run again changes nothing in the store: nothing is sent; the next message is the pong.
        await host.Updater.ApplyRunAsync(PipelineSamples.Run(5, PipelineTestHost.Now.AddMinutes(-5), PipelineStatus.InProgress), default);
        await SendAsync(socket, """{"type":"ping"}""");
        Assert.Equal("pong", (await ReceiveAsync(socket)).GetProperty("type").GetString());

        await SendAsync(socket, """{"type":"unsubscribe","events":["builds"]}""");
        Assert.Equal("unsubscribed", (await ReceiveAsync(socket)).GetProperty("type").GetString());
        await host.Updater.ApplyJobAsync(PipelineSamples.Job(50, 5, PipelineTestHost.Now.AddMinutes(-4)), default);
        await SendAsync(socket, """{"type":"ping"}""");
        Assert.Equal("pong", (await ReceiveAsync(socket)).GetProperty("type").GetString());

        await SendAsync(socket, """{"type":"subscribe","events":["bogus"]}""");
        var error = await ReceiveAsync(socket);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Contains("bogus", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task Connections_beyond_the_cap_are_refused_with_503_and_a_freed_place_is_reused()
    {
        await using var host = await PipelineTestHost.StartAsync(static o => o.MaxLiveConnections = 1);
        var first = await ConnectAsync(host);

        using (var refused = await host.Client.GetAsync(new Uri("api/v1/pipeline/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        first.Dispose();
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            using var again = await host.Client.GetAsync(new Uri("api/v1/pipeline/events?events=builds", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            if (again.StatusCode == HttpStatusCode.OK) break;
            Assert.True(DateTimeOffset.UtcNow < deadline, "The closed connection's place was not freed.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_client_that_does_not_read_is_disconnected_and_the_publisher_never_waits()
    {
        await using var host = await PipelineTestHost.StartAsync(static o => o.LiveBufferSize = 16);
        using var socket = await ConnectAsync(host);
        await SendAsync(socket, """{"type":"subscribe","events":["builds","pipeline"]}""");
        Assert.Equal("subscribed", (await ReceiveAsync(socket)).GetProperty("type").GetString());

        // Far more changes than the buffer holds, published without reading a single one.
        var events = host.App.Services.GetService(typeof(IPipelineEvents)) as IPipelineEvents;
        var run = PipelineSamples.Run(1, PipelineTestHost.Now.AddHours(-1), PipelineStatus.InProgress) with { Title = new string('x', 8000) };
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5000; i++) events!.Publish(new PipelineChange(PipelineChangeKind.Run, run.Repository, run, null, null, null, PipelineTestHost.Now));
        Assert.True(DateTimeOffset.UtcNow - started < Patience);

        // The client now reads: it sees at most the buffered messages, then the end of the connection.
        var received = 0;
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (result.EndOfMessage) received++;
            }
        }
        catch (WebSocketException)
        {
            // Aborted by the server: disconnected as well.
        }

        Assert.False(timeout.IsCancellationRequested, "The slow client was not disconnected.");
        Assert.True(received < 5000, $"The slow client received {received} messages.");
    }

    [Fact]
    public async Task Server_sent_events_carry_the_same_changes()
    {
        await using var host = await PipelineTestHost.StartAsync();
        using var response = await host.Client.GetAsync(new Uri("api/v1/pipeline/events?events=pipeline", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": subscribed", await reader.ReadLineAsync());

        await host.Updater.ApplyJobAsync(PipelineSamples.Job(1, 1, PipelineTestHost.Now.AddHours(-1)), default);
        await host.Updater.ApplyDeploymentAsync(PipelineSamples.Deployment(3, PipelineTestHost.Now.AddHours(-1)), default);

        using var timeout = new CancellationTokenSource(Patience);
        string? line;
        do line = await reader.ReadLineAsync(timeout.Token);
        while (line is not null && line.Length == 0);
        Assert.Equal("event: pipeline", line);
        var data = await reader.ReadLineAsync(timeout.Token);
        Assert.StartsWith("data: ", data, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(data!["data: ".Length..]);
        Assert.Equal("deployment", json.RootElement.GetProperty("event").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("data").GetProperty("id").GetInt64());
    }
}
