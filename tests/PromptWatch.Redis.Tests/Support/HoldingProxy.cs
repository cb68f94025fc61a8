using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PromptWatch.Redis.Tests.Support;

/// <summary>
/// A loopback TCP proxy to the test Redis server whose answers the test holds back and releases: while held, what
/// the server sends stays in the proxy (what clients send still reaches the server), so a command waits exactly as
/// long as the test decides, whatever the machine's load.
/// </summary>
internal sealed class HoldingProxy : IAsyncDisposable
{
    private static readonly byte[] Ping = Encoding.ASCII.GetBytes("PING\r\n");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private TaskCompletionSource _released = Completed();
    private TaskCompletionSource _pingHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HoldingProxy()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    /// <summary>A StackExchange.Redis configuration string that connects through the proxy.</summary>
    public string Configuration => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port},password={RedisTestServer.Password}";

    /// <summary>Completes when a client sends PING while answers are held.</summary>
    public Task PingHeld
    {
        get
        {
            lock (_lock) return _pingHeld.Task;
        }
    }

    /// <summary>Holds back everything the server sends from now on.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pingHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Delivers what was held, and everything after it.</summary>
    public void Release()
    {
        lock (_lock) _released.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        lock (_lock)
        {
            foreach (var connection in _connections) connection.Dispose();
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }

    private async Task AcceptAsync()
    {
        var (host, port) = SplitEndpoint(RedisTestServer.Endpoint);
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            lock (_lock)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            await server.ConnectAsync(host, port, _stop.Token);
            _ = PumpAsync(client.GetStream(), server.GetStream(), toServer: true);
            _ = PumpAsync(server.GetStream(), client.GetStream(), toServer: false);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool toServer)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                Task released;
                lock (_lock)
                {
                    released = _released.Task;
                    if (toServer && !released.IsCompleted && buffer.AsSpan(0, read).IndexOf(Ping) >= 0) _pingHeld.TrySetResult();
                }

                if (!toServer) await released.WaitAsync(_stop.Token);
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // A closed connection or the proxy's end.
        }
        finally
        {
            try
            {
                to.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
    }

    private static (string Host, int Port) SplitEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return (endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
