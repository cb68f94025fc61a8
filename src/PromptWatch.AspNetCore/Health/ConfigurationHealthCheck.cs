using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// What the host has configured (repositories, result stores, S3, Redis, the GitHub receiver, workspaces) and what is
/// missing: Degraded, with the reason, when no repository or no result store is configured. Shows no secret.
/// </summary>
internal sealed class ConfigurationHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var features = ConfiguredFeatures.Read(services);
        var missing = new List<string>();
        if (features.Repositories == 0 && !features.Workspaces) missing.Add("no repository is configured (PromptWatch:Repositories)");
        if (features.ResultStores.Count == 0 && !features.Workspaces) missing.Add("no result store is configured, so evaluation results show as unknown (PromptWatch:S3 or a local results folder)");
        var data = features.ToData();
        if (missing.Count > 0) data["missing"] = missing;
        var result = missing.Count == 0
            ? HealthCheckResult.Healthy($"{features.Repositories} repositories, {features.ResultStores.Count} result stores configured.", data)
            : HealthCheckResult.Degraded("Configuration incomplete: " + string.Join("; ", missing) + ".", data: data);
        return Task.FromResult(result);
    }
}
