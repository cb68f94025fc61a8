using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.GitHub.Receiving;

namespace PromptWatch.GitHub.Hosting;

/// <summary><c>promptwatch:github</c>: Degraded while the counter store fails or the queue is nearly full.</summary>
internal sealed class GitHubWebhookHealthCheck(GitHubWebhookStatus status, WebhookQueue queue) : IHealthCheck
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
        if (failingSince is { } since)
        {
            data["store_failing_since"] = since;
            return Task.FromResult(HealthCheckResult.Degraded($"The counter store fails since {since:O} ({error}); deliveries wait in the queue and are retried.", data: data));
        }

        if (queue.Count >= queue.Capacity * 9 / 10)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"The webhook queue is nearly full ({queue.Count} of {queue.Capacity}).", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("Deliveries are processed.", data));
    }
}
