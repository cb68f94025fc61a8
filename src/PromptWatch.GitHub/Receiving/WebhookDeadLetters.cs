using Microsoft.Extensions.Options;

namespace PromptWatch.GitHub.Receiving;

/// <summary>
/// The deliveries given up on because the counter store failed them permanently: the most recent
/// <see cref="GitHubWebhookOptions.DeadLetterCapacity"/> of them, and how many there were since start or the last clear.
/// </summary>
internal sealed class WebhookDeadLetters(IOptions<GitHubWebhookOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Queue<DeadLetteredDelivery> _recent = new();
    private readonly int _capacity = options.Value.DeadLetterCapacity;
    private long _total;

    /// <summary>How many were dead-lettered, and the most recent ones, oldest first.</summary>
    public (long Total, IReadOnlyList<DeadLetteredDelivery> Recent) Read()
    {
        lock (_lock) return (_total, [.. _recent]);
    }

    public void Add(DeadLetteredDelivery delivery)
    {
        lock (_lock)
        {
            _total++;
            _recent.Enqueue(delivery);
            while (_recent.Count > _capacity) _recent.Dequeue();
        }
    }

    /// <summary>Forgets them (once they were redelivered); returns how many were held.</summary>
    public int Clear()
    {
        lock (_lock)
        {
            var held = _recent.Count;
            _recent.Clear();
            _total = 0;
            return held;
        }
    }
}
