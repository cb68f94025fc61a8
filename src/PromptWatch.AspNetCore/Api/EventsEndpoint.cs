using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// <c>api/events</c>: server-sent events. First a <c>hello</c> event with the timeline version the stream follows
/// (a client compares it with the version of what it loaded: a scan that published before the stream connected sends
/// it no <c>changes</c>), then a <c>changes</c> event when a scan publishes a new timeline, a <c>status</c> event when
/// only repository status changed, and a comment line as keep-alive.
/// </summary>
internal static class EventsEndpoint
{
    public static async Task StreamAsync(HttpContext context, PromptWatchMonitor monitor, TimeSpan keepAlive, TimeProvider timeProvider)
    {
        var aborted = context.RequestAborted;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // HEAD: the headers of the stream, and no stream.
        if (HttpMethods.IsHead(context.Request.Method)) return;

        var snapshot = monitor.Current;
        await WriteAsync(context, $"retry: 5000\nevent: hello\ndata: {Data(snapshot, 0)}\n\n").ConfigureAwait(false);
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                PromptWatchSnapshot next;
                try
                {
                    next = await monitor.WaitForNextAsync(snapshot.Version, aborted).WaitAsync(keepAlive, timeProvider, aborted).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await WriteAsync(context, ": keep-alive\n\n").ConfigureAwait(false);
                    continue;
                }

                var message = next.TimelineVersion != snapshot.TimelineVersion
                    ? $"event: changes\nid: {next.TimelineVersion}\ndata: {Data(next, Math.Max(0, next.Timeline.Length - snapshot.Timeline.Length))}\n\n"
                    : $"event: status\ndata: {Data(next, 0)}\n\n";
                snapshot = next;
                await WriteAsync(context, message).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static string Data(PromptWatchSnapshot snapshot, int newChanges) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"version\":{snapshot.TimelineVersion},\"count\":{snapshot.Timeline.Length},\"new_changes\":{newChanges}}}");

    private static async Task WriteAsync(HttpContext context, string text)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
