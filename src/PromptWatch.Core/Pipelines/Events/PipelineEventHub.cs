using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PromptWatch.Pipelines;

/// <summary>The <see cref="IPipelineEvents"/> singleton: calls every subscriber's handler in turn, logging failures.</summary>
internal sealed partial class PipelineEventHub(ILogger<PipelineEventHub>? logger = null) : IPipelineEvents
{
    private readonly ILogger logger = logger ?? NullLogger<PipelineEventHub>.Instance;
    private ImmutableArray<Subscription> subscriptions = [];

    internal int SubscriberCount => subscriptions.Length;

    public void Publish(PipelineChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var subscription in subscriptions)
        {
            try
            {
                var pending = subscription.Handler(change);
                if (!pending.IsCompletedSuccessfully) _ = ObserveAsync(pending, change.Kind);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogHandlerFailed(logger, change.Kind, e);
            }
        }
    }

    public IDisposable Subscribe(Func<PipelineChange, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref subscriptions, static (list, item) => list.Add(item), subscription);
        return subscription;
    }

    private void Remove(Subscription subscription) => ImmutableInterlocked.Update(ref subscriptions, static (list, item) => list.Remove(item), subscription);

    private async Task ObserveAsync(ValueTask pending, PipelineChangeKind kind)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHandlerFailed(logger, kind, e);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "A pipeline change subscriber failed on a {Kind} change.")]
    private static partial void LogHandlerFailed(ILogger logger, PipelineChangeKind kind, Exception exception);

    private sealed class Subscription(PipelineEventHub hub, Func<PipelineChange, ValueTask> handler) : IDisposable
    {
        private int disposed;

        public Func<PipelineChange, ValueTask> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) hub.Remove(this);
        }
    }
}
