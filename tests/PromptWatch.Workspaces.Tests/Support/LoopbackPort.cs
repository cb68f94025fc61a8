using System.Net;
using System.Net.Sockets;

namespace PromptWatch.Workspaces.Tests.Support;

/// <summary>Loopback ports for workspaces whose repository must not be reachable.</summary>
internal static class LoopbackPort
{
    /// <summary>A loopback port that was free a moment ago: nothing listens there, so connections are refused at once.</summary>
    /// <returns>The port.</returns>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
