using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.Workspaces;

/// <summary>
/// <c>promptwatch:workspaces</c>: how many workspaces are alive and how many of them are unhealthy. Always Healthy:
/// one user's wrong password must not take the host out of service. Each workspace's own state is its entry
/// <c>promptwatch:workspace:&lt;user&gt;/&lt;cluster&gt;</c> in <c>/health/detailed</c>.
/// </summary>
internal sealed class WorkspaceHealthCheck(WorkspaceManager manager) : IHealthCheck
{
    /// <summary>The name of this check.</summary>
    public const string Name = "promptwatch:workspaces";

    /// <summary>The prefix of each workspace's entry.</summary>
    public const string EntryPrefix = "promptwatch:workspace:";

    /// <summary>The tags of workspace entries: not <c>ready</c>.</summary>
    public static readonly string[] Tags = ["promptwatch", "workspaces"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var entries = await manager.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var unhealthy = entries.Count(static e => e.Value.Status == HealthStatus.Unhealthy);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["alive"] = entries.Count,
            ["max_alive"] = manager.Options.MaxAlive,
            ["unhealthy"] = unhealthy,
            ["stopping"] = manager.StoppingCount,
        };
        return HealthCheckResult.Healthy($"{entries.Count} workspaces alive (at most {manager.Options.MaxAlive}); {unhealthy} unhealthy.", data);
    }
}
