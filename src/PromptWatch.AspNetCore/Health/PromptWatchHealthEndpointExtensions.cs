using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using PromptWatch.AspNetCore.Health;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps health endpoints for the checks <c>AddPromptWatch()</c> registers (and any others the host has).</summary>
public static class PromptWatchHealthEndpointExtensions
{
    /// <summary>
    /// Maps <c>{pattern}</c> (overall status as text), <c>{pattern}/live</c> (the process answers; no check runs),
    /// <c>{pattern}/ready</c> (checks tagged <c>ready</c>) and <c>{pattern}/detailed</c> (every check as JSON:
    /// status, duration, description, data). Unhealthy answers 503; Healthy and Degraded answer 200.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="pattern">Where to map them. Default <c>/health</c>.</param>
    /// <returns>The group, to add authorization or other conventions.</returns>
    public static RouteGroupBuilder MapPromptWatchHealthChecks(this IEndpointRouteBuilder endpoints, string pattern = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(pattern);
        group.MapHealthChecks("/");
        group.MapHealthChecks("/live", new HealthCheckOptions { Predicate = static _ => false });
        group.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = static check => check.Tags.Contains("ready") });
        group.MapHealthChecks("/detailed", new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
        return group;
    }
}
