using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.GitHub.Receiving;

namespace PromptWatch.GitHub.Hosting;

/// <summary><c>promptwatch:github</c>: Degraded while the counter store fails, the queue is nearly full, or dead-lettered deliveries are held.</summary>
internal sealed class GitHubWebhookHealthCheck(GitHubWebhookStatus status, WebhookQueue queue, WebhookDeadLetters deadLetters) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (failingSince, error, processed, _) = status.Read();
        var data = new Dictionary<string, object>
        {
            ["queued"] = queue.Count,
            ["queue_capacity"] = queue.Capacity,
            ["processed"] = processed,
        };
        var (deadLettered, recent) = deadLetters.Read();
        if (deadLettered > 0)
        {
            data["dead_lettered"] = deadLettered;
            data["dead_letters"] = recent.Select(static d => $"{d.Event} {d.Delivery} at {d.At:O} after {d.Attempts} attempts: {d.Error}").ToArray();
        }

        if (failingSince is { } since)
        {
            data["store_failing_since"] = since;
            return Task.FromResult(HealthCheckResult.Degraded($"The counter store fails since {since:O} ({error}); deliveries wait in the queue and are retried.", data: data));
        }

        if (queue.Count >= queue.Capacity * 9 / 10)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"The webhook queue is nearly full ({queue.Count} of {queue.Capacity}).", data: data));
        }

        if (deadLettered > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{deadLettered} deliveries were dead-lettered (the counter store failed them permanently) and are not counted: redeliver them from the webhook's Recent Deliveries, then clear them (DELETE dead-letters).", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("Deliveries are processed.", data));
    }
}
