using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PromptWatch.Notifications.Tests.Support;

/// <summary>One request a <see cref="LoopbackReceiver"/> received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonDocument Json() => JsonDocument.Parse(Body);
}

/// <summary>How a <see cref="LoopbackReceiver"/> answers.</summary>
internal enum ReceiverBehaviour
{
    /// <summary>204 No Content.</summary>
    Accept,

    /// <summary>500 Internal Server Error.</summary>
    Fail,

    /// <summary>Never answers (until the client gives up).</summary>
    Hang,
}

/// <summary>
/// A Kestrel server on a free loopback port that stands in for Slack, Discord or a webhook: it records every request and
/// answers as <see cref="ReceiverBehaviour"/> says. <see cref="Url"/> has a secret-looking path, as webhook URLs do.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    public const string SecretPath = "/services/T0SECRET/B0SECRET/xoxSecretToken123";

    private readonly WebApplication _app;
    private readonly Channel<ReceivedRequest> _requests = Channel.CreateUnbounded<ReceivedRequest>();
    private int _count;

    private LoopbackReceiver(ReceiverBehaviour behaviour)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(static h => h.Key, static h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            Interlocked.Increment(ref _count);
            _requests.Writer.TryWrite(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
            switch (behaviour)
            {
                case ReceiverBehaviour.Fail:
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    break;
                case ReceiverBehaviour.Hang:
                    try
                    {
                        await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    break;
                default:
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    break;
            }
        });
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>How many requests arrived.</summary>
    public int Count => Volatile.Read(ref _count);

    public static async Task<LoopbackReceiver> StartAsync(ReceiverBehaviour behaviour = ReceiverBehaviour.Accept)
    {
        var receiver = new LoopbackReceiver(behaviour);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(address.TrimEnd('/') + SecretPath);
        return receiver;
    }

    /// <summary>The next request, waiting for it within a generous bound.</summary>
    public async Task<ReceivedRequest> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _requests.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
