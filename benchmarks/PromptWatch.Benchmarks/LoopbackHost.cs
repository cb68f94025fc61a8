using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PromptWatch.Benchmarks;

/// <summary>The benchmarks' web hosts: Kestrel on a free loopback port, no logging, and a client that keeps many requests in flight.</summary>
internal static class LoopbackHost
{
    /// <summary>A slim builder listening on <c>127.0.0.1:0</c> with no log providers.</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> and returns a client of it with up to <paramref name="connections"/> connections.</summary>
    public static HttpClient Start(WebApplication app, int connections, TimeSpan? timeout = null)
    {
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(address + "/") };
        if (timeout is { } limit) client.Timeout = limit;
        return client;
    }

    /// <summary>Disposes the client, stops and disposes the host.</summary>
    public static void Stop(WebApplication app, HttpClient client)
    {
        client.Dispose();
        app.StopAsync().GetAwaiter().GetResult();
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
