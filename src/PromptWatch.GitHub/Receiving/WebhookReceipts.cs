using Microsoft.Extensions.Options;

namespace PromptWatch.GitHub.Receiving;

/// <summary>
/// Bounds how many deliveries are read and verified at once (<see cref="GitHubWebhookOptions.MaxConcurrentReceipts"/>), so
/// that the memory held by bodies being read is at most that many times <see cref="GitHubWebhookOptions.MaxBodyBytes"/>.
/// </summary>
internal sealed class WebhookReceipts(IOptions<GitHubWebhookOptions> options)
{
    private int _inFlight;

    /// <summary>How many receipts may run at once.</summary>
    public int Limit { get; } = options.Value.MaxConcurrentReceipts;

    /// <summary>How many run now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a place; <see langword="false"/> when all are taken. Call <see cref="Exit"/> after a <see langword="true"/>.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= Limit) return true;
        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    /// <summary>Gives the place back.</summary>
    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
