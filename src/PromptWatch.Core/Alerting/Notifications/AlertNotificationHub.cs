using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PromptWatch.Alerting.Notifications;

/// <summary>The <see cref="IAlertNotificationFeed"/> singleton: the engine publishes, each subscriber's handler is called in turn.</summary>
internal sealed partial class AlertNotificationHub(ILogger<AlertNotificationHub>? logger = null) : IAlertNotificationFeed
{
    private readonly ILogger logger = logger ?? NullLogger<AlertNotificationHub>.Instance;
    private ImmutableArray<Subscription> subscriptions = [];

    internal int SubscriberCount => subscriptions.Length;

    public void Publish(AlertDispatch dispatch)
    {
        foreach (var subscription in subscriptions)
        {
            try
            {
                var pending = subscription.Handler(dispatch);
                if (!pending.IsCompletedSuccessfully) _ = ObserveAsync(pending);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogHandlerFailed(logger, e);
            }
        }
    }

    public IDisposable Subscribe(Func<AlertDispatch, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref subscriptions, static (list, item) => list.Add(item), subscription);
        return subscription;
    }

    private void Remove(Subscription subscription) => ImmutableInterlocked.Update(ref subscriptions, static (list, item) => list.Remove(item), subscription);

    private async Task ObserveAsync(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHandlerFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "An alert notification subscriber failed.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);

    private sealed class Subscription(AlertNotificationHub hub, Func<AlertDispatch, ValueTask> handler) : IDisposable
    {
        private int disposed;

        public Func<AlertDispatch, ValueTask> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) hub.Remove(this);
        }
    }
}
