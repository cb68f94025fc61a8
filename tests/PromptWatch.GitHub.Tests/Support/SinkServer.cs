using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>
/// A real HTTP listener (Kestrel on loopback) standing in for alert receivers: <c>/ok/...</c> answers 200,
/// <c>/flaky/...</c> 500 twice then 200, <c>/down/...</c> always 500, <c>/slow/...</c> never in time.
/// </summary>
public sealed class SinkServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    private SinkServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public int Attempts(string path) => _attempts.GetValueOrDefault(path);

    public static async Task<SinkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SinkServer(app);
        app.MapPost("/{kind}/{**rest}", async (HttpContext context, string kind) =>
        {
            var path = context.Request.Path.Value!;
            var attempt = server._attempts.AddOrUpdate(path, 1, (_, n) => n + 1);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            switch (kind)
            {
                case "slow":
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                    return Microsoft.AspNetCore.Http.Results.Ok();
                case "down":
                    return Microsoft.AspNetCore.Http.Results.StatusCode(500);
                case "flaky" when attempt <= 2:
                    return Microsoft.AspNetCore.Http.Results.StatusCode(500);
                default:
                    server.Received.Enqueue((path, body));
                    return Microsoft.AspNetCore.Http.Results.Ok();
            }
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
