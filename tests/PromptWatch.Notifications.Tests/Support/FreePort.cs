using System.Net;
using System.Net.Sockets;

namespace PromptWatch.Notifications.Tests.Support;

internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port, within <paramref name="bound"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan bound, Func<string?> exited)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            if (exited() is { } why) throw new InvalidOperationException(why);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on port {port} within {bound}.");
    }
}
