using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PromptWatch.AspNetCore.Tests.Support;

/// <summary>A real Kestrel server on a free local port: <c>/ok</c> answers 200, <c>/fail</c> 500, <c>/hang</c> never.</summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The Authorization header of every request to <c>/ok</c>.</summary>
    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    public static async Task<TestHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestHttpServer? server = null;
        app.MapGet("/ok", IResult (HttpContext context) =>
        {
            server!.AuthorizationHeaders.Enqueue(context.Request.Headers.Authorization.ToString());
            return TypedResults.Ok();
        });
        app.MapGet("/fail", () => TypedResults.StatusCode(500));
        app.MapGet("/hang", async Task<IResult> (HttpContext context) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
            return TypedResults.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestHttpServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
