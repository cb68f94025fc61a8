using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Alerting.Hosting;

/// <summary>
/// Feeds the health-check rules: each report publishes <c>health_check_failing</c> for every check that is not
/// Healthy (labels <c>check</c>, <c>status</c>, and <c>resource</c>: <c>true</c> for the checks tagged <c>resources</c>, which the
/// CPU, memory and disk rules watch), and a clearing event for every healthy one.
/// </summary>
internal sealed class AlertHealthCheckPublisher(IAlertEventPublisher publisher, TimeProvider timeProvider) : IHealthCheckPublisher
{
    /// <summary>The tag of the system resource checks (CPU, memory, disk).</summary>
    public const string ResourceTag = "resources";

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = timeProvider.GetUtcNow();
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Status == HealthStatus.Healthy)
            {
                publisher.Publish(new AlertEvent(AlertEventKinds.HealthCheckFailing, new Dictionary<string, string>(StringComparer.Ordinal) { ["check"] = name }, $"Health check {name} is healthy again.", now) { Clears = true });
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["check"] = name,
                ["status"] = entry.Status.ToString(),
                ["resource"] = entry.Tags.Contains(ResourceTag) ? "true" : "false",
            };
            publisher.Publish(new AlertEvent(AlertEventKinds.HealthCheckFailing, labels, $"Health check {name} is {entry.Status}: {entry.Description}", now));
        }

        return Task.CompletedTask;
    }
}
