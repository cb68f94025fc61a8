using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.AspNetCore;

/// <summary>
/// Adds entries to <c>/health/detailed</c> (<c>MapPromptWatchHealthChecks()</c>) after the health checks' own, without
/// changing the overall status, for parts of a host whose health is worth showing but must not take the host out of
/// service (one monitor among many, say). Register implementations as services; every one is asked on each request.
/// </summary>
public interface IHealthReportContributor
{
    /// <summary>The entries to list, by name, in order.</summary>
    /// <param name="cancellationToken">Ends with the request.</param>
    /// <returns>The entries; empty for none.</returns>
    Task<IReadOnlyList<KeyValuePair<string, HealthReportEntry>>> GetEntriesAsync(CancellationToken cancellationToken);
}
