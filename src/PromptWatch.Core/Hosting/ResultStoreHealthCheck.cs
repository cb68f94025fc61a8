using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Hosting;

/// <summary>
/// The health of one evaluation-result store: Healthy while it can be listed; Degraded (results unknown,
/// the timeline still served) before its first listing; <paramref name="failureStatus"/> (by default Degraded too)
/// while it fails, with the reason.
/// </summary>
internal sealed class ResultStoreHealthCheck(PromptWatchMonitor monitor, int index, HealthStatus failureStatus = HealthStatus.Degraded) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = monitor.Current;
        if (index >= snapshot.ResultStores.Length) return Task.FromResult(HealthCheckResult.Unhealthy("The result store is not registered."));
        var status = snapshot.ResultStores[index];
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["store"] = status.DisplayName,
            ["results"] = status.ResultCount,
            ["consecutive_failures"] = status.ConsecutiveFailures,
        };
        foreach (var (key, value) in status.Description)
        {
            if (value is not null) data[key] = value;
        }

        if (status.LastSuccess is { } success) data["last_refresh"] = success.ToString("O", CultureInfo.InvariantCulture);
        if (status.LastError is not null) data["error"] = status.LastError;

        var result = status.Known
            ? HealthCheckResult.Healthy($"{status.ResultCount} result files listed.", data)
            : status.LastAttempt is null
                ? HealthCheckResult.Degraded("Waiting for the first listing; results show as unknown.", data: data)
                : new HealthCheckResult(failureStatus, $"Results show as unknown: {status.LastError}", data: data);
        return Task.FromResult(result);
    }
}
