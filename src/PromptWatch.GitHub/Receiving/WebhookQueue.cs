using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PromptWatch.GitHub.Events;

namespace PromptWatch.GitHub.Receiving;

/// <summary>
/// The bounded queue between the receiver and the processing service. A delivery id already waiting or
/// being processed is not queued twice (the counter store's marker catches later redeliveries). The ids of the
/// most recent <see cref="RememberedDeliveries"/> deliveries processed here are remembered, so that a redelivery of
/// one is told apart (<see cref="EnqueueResult.Redelivery"/>); it is still queued, and the marker decides.
/// </summary>
internal sealed class WebhookQueue
{
    private readonly Channel<GitHubDelivery> _channel;
    /// <summary>How many processed delivery ids are remembered to recognise redeliveries.</summary>
    public const int RememberedDeliveries = 4096;

    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _processed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _processedOrder = new();

    public WebhookQueue(IOptions<GitHubWebhookOptions> options)
    {
        Capacity = options.Value.QueueCapacity;
        _channel = Channel.CreateBounded<GitHubDelivery>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public int Capacity { get; }

    /// <summary>Deliveries waiting in the queue (at most <see cref="Capacity"/>); the one being processed is not counted.</summary>
    public int Count => _channel.Reader.Count;

    public ChannelReader<GitHubDelivery> Reader => _channel.Reader;

    public EnqueueResult TryEnqueue(GitHubDelivery delivery)
    {
        if (!_pending.TryAdd(delivery.Id, 0)) return EnqueueResult.Duplicate;
        if (_channel.Writer.TryWrite(delivery)) return _processed.ContainsKey(delivery.Id) ? EnqueueResult.Redelivery : EnqueueResult.Accepted;
        _pending.TryRemove(delivery.Id, out _);
        return EnqueueResult.Full;
    }

    /// <summary>Called when a delivery is done with; <paramref name="processed"/> when the counter store took it (applied, or counted before).</summary>
    public void Done(GitHubDelivery delivery, bool processed)
    {
        if (processed && _processed.TryAdd(delivery.Id, 0))
        {
            _processedOrder.Enqueue(delivery.Id);
            while (_processedOrder.Count > RememberedDeliveries && _processedOrder.TryDequeue(out var oldest)) _processed.TryRemove(oldest, out _);
        }

        _pending.TryRemove(delivery.Id, out _);
    }
}

internal enum EnqueueResult
{
    /// <summary>Queued.</summary>
    Accepted,

    /// <summary>Queued, and a delivery of the same id was processed here before: a redelivery.</summary>
    Redelivery,

    /// <summary>Not queued: the same id is waiting or being processed.</summary>
    Duplicate,

    /// <summary>Not queued: the queue is full.</summary>
    Full,
}
