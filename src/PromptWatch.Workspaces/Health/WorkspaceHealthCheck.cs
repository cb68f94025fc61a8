using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.Hosting;

namespace PromptWatch.Workspaces;

/// <summary>
/// <c>promptwatch:workspaces</c>: how many workspaces are alive and how many of them are unhealthy. Always Healthy:
/// one user's wrong password must not take the host out of service. Each workspace's own state is its entry
/// <c>promptwatch:workspace:&lt;user&gt;/&lt;cluster&gt;</c> in <c>/health/detailed</c>. The names are the defaults
/// <see cref="WorkspaceOptions.HealthChecks"/> may replace.
/// </summary>
internal sealed class WorkspaceHealthCheck(WorkspaceManager manager) : IHealthCheck
{
    /// <summary>The name of this check.</summary>
    public const string Name = "promptwatch:workspaces";

    /// <summary>The prefix of each workspace's entry.</summary>
    public const string EntryPrefix = "promptwatch:workspace:";

    /// <summary>The default tags of the check and of workspace entries: not <c>ready</c>.</summary>
    public static readonly string[] Tags = ["promptwatch", "workspaces"];

    /// <summary>The name of a workspace's entry: <see cref="EntryPrefix"/> and the key, or the host's name for the checks, <c>:</c> and the key.</summary>
    /// <param name="settings">The host's settings for the workspace checks.</param>
    /// <param name="key">The workspace.</param>
    /// <returns>The entry's name.</returns>
    public static string EntryName(PromptWatchHealthCheckOptions settings, WorkspaceKey key) =>
        string.IsNullOrWhiteSpace(settings.Name) ? EntryPrefix + key : settings.Name + ":" + key;

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
        return HealthCheckResult.Healthy($"{entries.Count} {(entries.Count == 1 ? "workspace" : "workspaces")} alive (at most {manager.Options.MaxAlive}); {unhealthy} unhealthy.", data);
    }
}
