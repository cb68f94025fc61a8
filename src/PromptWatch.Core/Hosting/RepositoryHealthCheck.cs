using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Hosting;

/// <summary>
/// The health of one watched repository: its registration's failure status (Unhealthy unless the host chose
/// another) before its first successful scan and when its last refresh failed; Degraded when its remote could not be
/// fetched, when none of its watched files exists at the tip, or its last success is older than <see cref="PromptWatchOptions.StaleAfterIntervals"/> poll intervals;
/// Healthy otherwise. <c>AddPromptWatch()</c> registers one per repository of the host's monitor; an integration that
/// builds monitors of its own checks theirs with it.
/// </summary>
/// <param name="monitor">The monitor that watches the repository.</param>
/// <param name="repository">The repository's name.</param>
/// <param name="timeProvider">The clock ages are measured on.</param>
public sealed class RepositoryHealthCheck(PromptWatchMonitor monitor, string repository, TimeProvider timeProvider) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = monitor.Current.Repositories.FirstOrDefault(r => r.Name == repository);
        if (status is null) return Task.FromResult(HealthCheckResult.Unhealthy($"Repository '{repository}' is not watched."));

        var now = timeProvider.GetUtcNow();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["repository"] = status.DisplayName,
            ["changes"] = status.Changes,
        };
        if (status.Branch is not null) data["branch"] = status.Branch;
        if (status.TipSha is not null) data["tip"] = status.TipSha;
        if (status.LastFetch is { } fetch)
        {
            data["last_fetch"] = fetch.ToString("O", CultureInfo.InvariantCulture);
            data["fetch_age_seconds"] = Math.Round((now - fetch).TotalSeconds, 1);
        }

        if (status.WatchedFiles.Count > 0)
        {
            data["watched_files"] = status.WatchedFiles
                .Select(static f => new Dictionary<string, object>(StringComparer.Ordinal) { ["path"] = f.Path, ["environment"] = f.Environment, ["exists"] = f.Exists, ["use_cases"] = f.UseCases })
                .ToList();
        }

        if (status.LastSuccess is { } success) data["last_scan"] = success.ToString("O", CultureInfo.InvariantCulture);
        if (status.LastError is not null) data["error"] = status.LastError;
        if (status.FetchWarning is not null) data["fetch_warning"] = status.FetchWarning;

        var failure = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        HealthCheckResult result;
        if (status.LastAttempt is null) result = new HealthCheckResult(failure, "Waiting for the first scan.", data: data);
        else if (!status.LastRefreshOk) result = new HealthCheckResult(failure, $"The last refresh failed: {status.LastError}", data: data);
        else if (status.NoWatchedFileExists)
        {
            result = HealthCheckResult.Degraded(
                $"None of the watched files exist at the tip of {status.Branch}: {string.Join(", ", status.WatchedFiles.Select(static f => f.Path))}; watch others with the repository's Files setting.",
                data: data);
        }
        else if (status.FetchWarning is not null) result = HealthCheckResult.Degraded($"Scanned without fetching: {status.FetchWarning}", data: data);
        else if (status.LastSuccess is { } last && now - last > status.PollInterval * monitor.StaleAfterIntervals)
        {
            result = HealthCheckResult.Degraded($"The last successful scan is {(now - last).TotalSeconds:F0} s old.", data: data);
        }
        else result = HealthCheckResult.Healthy($"Scanned {status.Branch} at {status.TipSha?[..Math.Min(7, status.TipSha.Length)]}: {status.Changes} changes.", data);

        return Task.FromResult(result);
    }
}
