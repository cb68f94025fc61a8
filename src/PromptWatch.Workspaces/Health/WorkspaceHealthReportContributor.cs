using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.AspNetCore;

namespace PromptWatch.Workspaces;

/// <summary>
/// Lists each workspace alive in <c>/health/detailed</c> as <c>promptwatch:workspace:&lt;user&gt;/&lt;cluster&gt;</c>,
/// after the checks, without changing the overall status: one user's wrong password never takes the host out of service.
/// Nothing while workspaces or their health checks (<see cref="WorkspaceOptions.HealthChecks"/>) are turned off.
/// </summary>
internal sealed class WorkspaceHealthReportContributor(WorkspaceManager manager) : IHealthReportContributor
{
    public async Task<IReadOnlyList<KeyValuePair<string, HealthReportEntry>>> GetEntriesAsync(CancellationToken cancellationToken) =>
        manager.Options is { Enabled: true, HealthChecks.Enabled: true } ? await manager.CheckHealthAsync(cancellationToken).ConfigureAwait(false) : [];
}
