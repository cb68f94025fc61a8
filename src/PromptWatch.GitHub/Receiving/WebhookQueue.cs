using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PromptWatch.GitHub.Events;

namespace PromptWatch.GitHub.Receiving;

/// <summary>
/// The bounded queue between the receiver and the processing service. A delivery id already waiting or
/// being processed is not queued twice (the counter store's marker catches later redeliveries).
/// </summary>
internal sealed class WebhookQueue
{
    private readonly Channel<GitHubDelivery> _channel;
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

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
        if (_channel.Writer.TryWrite(delivery)) return EnqueueResult.Accepted;
        _pending.TryRemove(delivery.Id, out _);
        return EnqueueResult.Full;
    }

    /// <summary>Called when a delivery is done (applied or found applied already).</summary>
    public void Done(GitHubDelivery delivery) => _pending.TryRemove(delivery.Id, out _);
}

internal enum EnqueueResult
{
    Accepted,
    Duplicate,
    Full,
}
