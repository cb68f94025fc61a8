using System.Net.Http;
using System.Threading.Channels;
using PromptWatch.Diagnostics;

namespace PromptWatch.Alerting.Notifications;

/// <summary>
/// One channel's bounded queue and its worker: notifications wait here and are sent one at a time, so a channel that
/// is slow or failing delays neither the evaluation nor any other channel. A full queue refuses further ones.
/// </summary>
internal sealed class ChannelQueue(IAlertChannel channel, int capacity)
{
    private readonly Channel<AlertNotification> _queue = Channel.CreateBounded<AlertNotification>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public string Name => channel.Name;

    public IAlertChannel Target => channel;

    /// <summary>Queues a notification; <see langword="false"/> when the queue is full.</summary>
    public bool TryEnqueue(AlertNotification notification) => _queue.Writer.TryWrite(notification);

    /// <summary>Sends queued notifications until <paramref name="cancellationToken"/> ends, reporting each outcome.</summary>
    public async Task RunAsync(Func<string, AlertNotification, string?, CancellationToken, Task> sent, CancellationToken cancellationToken)
    {
        await foreach (var notification in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            string? error = null;
            try
            {
                await channel.SendAsync(notification, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                error = ErrorText(e);
            }

            await sent(channel.Name, notification, error, cancellationToken);
        }
    }

    /// <summary>What went wrong, without secrets: the exception's type and, for HTTP, the status code.</summary>
    public static string ErrorText(Exception failure) => failure is HttpRequestException { StatusCode: { } status }
        ? $"{DependencyMetrics.ErrorType(failure)}: HTTP {(int)status}"
        : DependencyMetrics.ErrorType(failure);
}
