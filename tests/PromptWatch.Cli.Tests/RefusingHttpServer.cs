using System.Net;
using System.Net.Sockets;

namespace PromptWatch.Cli.Tests;

/// <summary>An HTTP server on loopback that answers every request with 401 and records the requests' authorization headers.</summary>
internal sealed class RefusingHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public RefusingHttpServer()
    {
        // HttpListener cannot take port 0: a port found free is taken, and on a busy machine another process may get
        // it in between, so a few are tried.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public List<string?> Authorizations { get; } = [];

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under the loop.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            lock (Authorizations) Authorizations.Add(context.Request.Headers["Authorization"]);
            context.Response.StatusCode = 401;
            context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
