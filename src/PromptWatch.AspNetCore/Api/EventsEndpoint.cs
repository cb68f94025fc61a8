using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// <c>api/events</c>: server-sent events. First a <c>hello</c> event with the timeline version the stream follows
/// (a client compares it with the version of what it loaded: a scan that published before the stream connected sends
/// it no <c>changes</c>), then a <c>changes</c> event when a scan publishes a new timeline, a <c>status</c> event when
/// only repository status changed, and a comment line as keep-alive. The stream ends when the client goes away or the
/// host begins to stop (so that an open dashboard does not hold the shutdown until its timeout; the page reconnects).
/// </summary>
internal static class EventsEndpoint
{
    public static async Task StreamAsync(HttpContext context, PromptWatchMonitor monitor, TimeSpan keepAlive, TimeProvider timeProvider)
    {
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var aborted = ended.Token;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // HEAD: the headers of the stream, and no stream.
        if (HttpMethods.IsHead(context.Request.Method)) return;

        var snapshot = monitor.Current;
                try
        {
            await WriteAsync(context, $"retry: 5000\nevent: hello\ndata: {Data(snapshot, 0)}\n\n", aborted).ConfigureAwait(false);
            while (!aborted.IsCancellationRequested)
            {
                PromptWatchSnapshot next;
                try
                {
                    next = await monitor.WaitForNextAsync(snapshot.Version, aborted).WaitAsync(keepAlive, timeProvider, aborted).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await WriteAsync(context, ": keep-alive\n\n", aborted).ConfigureAwait(false);
                    continue;
                }

                var message = next.TimelineVersion != snapshot.TimelineVersion
                    ? $"event: changes\nid: {next.TimelineVersion}\ndata: {Data(next, Math.Max(0, next.Timeline.Length - snapshot.Timeline.Length))}\n\n"
                    : $"event: status\ndata: {Data(next, 0)}\n\n";
                snapshot = next;
                await WriteAsync(context, message, aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away, or the host is stopping.
        }
    }

    private static string Data(PromptWatchSnapshot snapshot, int newChanges) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"version\":{snapshot.TimelineVersion},\"count\":{snapshot.Timeline.Length},\"new_changes\":{newChanges}}}");

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
