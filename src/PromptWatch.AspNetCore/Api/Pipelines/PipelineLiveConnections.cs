using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>
/// The live connections of one <c>MapPromptWatchPipelines()</c>: WebSocket <c>/ws</c> and server-sent events, together
/// at most <see cref="PipelineOptions.MaxLiveConnections"/>. Each has a bounded queue of
/// <see cref="PipelineOptions.LiveBufferSize"/> messages; a change that finds it full is dropped and the client, too slow,
/// is disconnected: the publisher never waits. A WebSocket ends with the close handshake, with a status and a reason:
/// 1000 when the client closed, 1001 when the host stops, 1008 for a client too slow, 1009 for a message too big. With alerting added, every notification the engine sends goes to the
/// <c>notifications</c> topic.
/// </summary>
internal sealed partial class PipelineLiveConnections(IPipelineEvents events, IAlertNotificationFeed? notifications, PipelineOptions options, ILogger logger, PipelineMetrics? metrics = null)
{
    private const int MaxClientMessageBytes = 4096;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private const string WebSocketTransport = "websocket";
    private const string EventStreamTransport = "sse";
    private static readonly byte[] Pong = Encoding.UTF8.GetBytes("{\"type\":\"pong\"}");
    private int count;

    public int Count => Volatile.Read(ref count);

    public async Task<IResult> WebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a WebSocket request", detail: "/ws accepts WebSocket connections only (Upgrade: websocket).");
        }

        if (!TryEnter()) return PipelineProblems.TooManyConnections(options.MaxLiveConnections);
        metrics?.LiveOpened(WebSocketTransport);
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            using var connection = new Connection(options.LiveBufferSize, () => metrics?.LiveDropped(WebSocketTransport), context.RequestAborted, stopping);
            using var subscription = events.Subscribe(connection.Offer);
            using var alerts = notifications?.Subscribe(connection.OfferNotification);
            var receiving = ReceiveAsync(socket, connection, context.RequestAborted);
            await SendAsync(socket, connection).ConfigureAwait(false);

            // The connection ended: the close handshake, with why, unless the socket is gone already.
            var (status, reason) = connection.Ending ?? (WebSocketCloseStatus.NormalClosure, "bye");
            if (connection.Slow)
            {
                LogSlowClient(logger, "WebSocket");
                metrics?.LiveDisconnected(WebSocketTransport, "slow");
                (status, reason) = (WebSocketCloseStatus.PolicyViolation, "too slow: messages were dropped");
            }
            else if (connection.Ending is null && stopping.IsCancellationRequested)
            {
                metrics?.LiveDisconnected(WebSocketTransport, "shutdown");
                (status, reason) = (WebSocketCloseStatus.EndpointUnavailable, "the server is shutting down");
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived) await CloseQuietlyAsync(socket, status, reason).ConfigureAwait(false);
            await AwaitCloseAsync(socket, receiving).ConfigureAwait(false);
            return TypedResults.Empty;
        }
        finally
        {
            Interlocked.Decrement(ref count);
            metrics?.LiveClosed(WebSocketTransport);
        }
    }

    public async Task<IResult> ServerSentEventsAsync(HttpContext context)
    {
        var requested = PipelineQuery.Text(context.Request.Query, "events");
        var topics = new HashSet<string>(PipelineLiveMessage.Topics, StringComparer.Ordinal);
        if (requested is not null)
        {
            topics.Clear();
            foreach (var topic in requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!PipelineLiveMessage.Topics.Contains(topic, StringComparer.Ordinal))
                {
                    return PipelineProblems.InvalidParameter("events", $"events must list some of {string.Join(", ", PipelineLiveMessage.Topics)}, not '{topic}'.");
                }

                topics.Add(topic);
            }
        }

        if (!TryEnter()) return PipelineProblems.TooManyConnections(options.MaxLiveConnections);
        metrics?.LiveOpened(EventStreamTransport);
        try
        {
            var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            using var connection = new Connection(options.LiveBufferSize, () => metrics?.LiveDropped(EventStreamTransport), context.RequestAborted, stopping);
            foreach (var topic in topics) connection.Topics[topic] = true;
            using var subscription = events.Subscribe(connection.Offer);
            using var alerts = notifications?.Subscribe(connection.OfferNotification);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await context.Response.WriteAsync(": subscribed\n\n", connection.Token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(connection.Token).ConfigureAwait(false);
            try
            {
                await foreach (var (topic, json) in connection.Reader.ReadAllAsync(connection.Token).ConfigureAwait(false))
                {
                    await context.Response.WriteAsync("event: " + topic + "\ndata: ", connection.Token).ConfigureAwait(false);
                    await context.Response.Body.WriteAsync(json, connection.Token).ConfigureAwait(false);
                    await context.Response.WriteAsync("\n\n", connection.Token).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(connection.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The client left, or was too slow.
            }

            if (connection.Slow)
            {
                LogSlowClient(logger, "server-sent events");
                metrics?.LiveDisconnected(EventStreamTransport, "slow");
            }

            return TypedResults.Empty;
        }
        finally
        {
            Interlocked.Decrement(ref count);
            metrics?.LiveClosed(EventStreamTransport);
        }
    }

    /// <summary>Sends queued messages until the connection stops; a send in progress then has <see cref="CloseTimeout"/> to finish.</summary>
    private static async Task SendAsync(WebSocket socket, Connection connection)
    {
        try
        {
            await foreach (var (_, json) in connection.Reader.ReadAllAsync(connection.Token).ConfigureAwait(false))
            {
                await socket.SendAsync(json, WebSocketMessageType.Text, true, connection.SendToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            connection.Stop();
        }
    }

    /// <summary>Reads client messages until the client closes (or is gone), also after the server sent its close.</summary>
    private static async Task ReceiveAsync(WebSocket socket, Connection connection, CancellationToken aborted)
    {
        var buffer = new byte[MaxClientMessageBytes];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        connection.End(WebSocketCloseStatus.MessageTooBig, "messages are at most 4096 bytes");
                        return;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), aborted).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    connection.End(WebSocketCloseStatus.NormalClosure, "bye");
                    return;
                }

                connection.Reply(Handle(buffer.AsSpan(0, length), connection));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client left.
        }
        finally
        {
            connection.Stop();
        }
    }

    /// <summary>Gives the client <see cref="CloseTimeout"/> to answer the server's close, then aborts the socket.</summary>
    private static async Task AwaitCloseAsync(WebSocket socket, Task receiving)
    {
        try
        {
            await receiving.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            socket.Abort();
            await receiving.ConfigureAwait(false);
        }
    }

    /// <summary>Answers one client message: subscribe, unsubscribe or ping.</summary>
    private static byte[] Handle(ReadOnlySpan<byte> message, Connection connection)
    {
        try
        {
            var reader = new Utf8JsonReader(message);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) return Error("A message is an object with a type: subscribe, unsubscribe or ping.");
            switch (type.GetString())
            {
                case "ping":
                    return Pong;
                case "subscribe":
                case "unsubscribe":
                    var subscribe = type.GetString() == "subscribe";
                    var topics = new List<string>();
                    if (root.TryGetProperty("events", out var list))
                    {
                        if (list.ValueKind != JsonValueKind.Array) return Error("events must be an array of pipeline, builds, notifications.");
                        foreach (var item in list.EnumerateArray())
                        {
                            var topic = item.ValueKind == JsonValueKind.String ? item.GetString()! : string.Empty;
                            if (!PipelineLiveMessage.Topics.Contains(topic, StringComparer.Ordinal)) return Error($"Unknown event '{item}': use pipeline, builds or notifications.");
                            topics.Add(topic);
                        }
                    }
                    else
                    {
                        topics.AddRange(PipelineLiveMessage.Topics);
                    }

                    foreach (var topic in topics) connection.Topics[topic] = subscribe;
                    return PipelineJson.Serialize(new { type = subscribe ? "subscribed" : "unsubscribed", events = topics, subscriptions = connection.Topics.Where(static p => p.Value).Select(static p => p.Key).Order(StringComparer.Ordinal).ToList() });
                default:
                    return Error($"Unknown type '{type.GetString()}': use subscribe, unsubscribe or ping.");
            }
        }
        catch (JsonException)
        {
            return Error("A message must be JSON.");
        }
    }

    private static byte[] Error(string message) => PipelineJson.Serialize(new { type = "error", message });

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The client is gone already.
        }
    }

    private bool TryEnter()
    {
        if (Interlocked.Increment(ref count) <= options.MaxLiveConnections) return true;
        Interlocked.Decrement(ref count);
        return false;
    }

    [LoggerMessage(EventId = 7120, Level = LogLevel.Warning, Message = "A live pipeline client ({Transport}) fell behind its buffer and was disconnected.")]
    private static partial void LogSlowClient(ILogger logger, string transport);

    /// <summary>One client: its topics, its bounded queue, and the token that ends it.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly Channel<(string Topic, byte[] Json)> channel;
        private readonly CancellationTokenSource stop;
        private readonly CancellationTokenSource send;
        private readonly CancellationTokenRegistration stopped;
        private readonly Action dropped;

        public Connection(int capacity, Action dropped, CancellationToken aborted, CancellationToken stopping = default)
        {
            this.dropped = dropped;
            stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
            send = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            stopped = stop.Token.UnsafeRegister(static state => ((Connection)state!).Stopped(), this);
            channel = Channel.CreateBounded<(string, byte[])>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
                _ => Dropped());
        }

        /// <summary>Why the connection ended, when the client closed it or broke the protocol.</summary>
        public (WebSocketCloseStatus Status, string Reason)? Ending { get; private set; }

        /// <summary>Cancels a send in progress <see cref="CloseTimeout"/> after the connection stopped (or at once when the client is gone).</summary>
        public CancellationToken SendToken => send.Token;

        public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Topics { get; } = new(StringComparer.Ordinal);

        public ChannelReader<(string Topic, byte[] Json)> Reader => channel.Reader;

        public CancellationToken Token => stop.Token;

        public bool Slow { get; private set; }

        public ValueTask Offer(PipelineChange change)
        {
            foreach (var topic in PipelineLiveMessage.TopicsOf(change.Kind))
            {
                if (Topics.TryGetValue(topic, out var on) && on) channel.Writer.TryWrite((topic, PipelineLiveMessage.Serialize(topic, change)));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OfferNotification(AlertDispatch dispatch)
        {
            if (Topics.TryGetValue(PipelineLiveMessage.NotificationsTopic, out var on) && on)
            {
                channel.Writer.TryWrite((PipelineLiveMessage.NotificationsTopic, PipelineLiveMessage.Serialize(dispatch)));
            }

            return ValueTask.CompletedTask;
        }

        public void Reply(byte[] json) => channel.Writer.TryWrite(("reply", json));

        public void Stop()
        {
            channel.Writer.TryComplete();
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already over.
            }
        }

        /// <summary>Ends the connection for <paramref name="reason"/> (the first reason given wins).</summary>
        public void End(WebSocketCloseStatus status, string reason)
        {
            Ending ??= (status, reason);
            Stop();
        }

        public void Dispose()
        {
            stopped.Dispose();
            stop.Dispose();
            send.Dispose();
        }

        private void Stopped()
        {
            channel.Writer.TryComplete();
            try
            {
                send.CancelAfter(CloseTimeout);
            }
            catch (ObjectDisposedException)
            {
                // Already over.
            }
        }

        private void Dropped()
        {
            dropped();
            Slow = true;
            Stop();
        }
    }
}
