using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
        group.MapHealthChecks("/detailed", new HealthCheckOptions { ResponseWriter = HealthReportResponse.WriteAsync });
        HealthStatusRoutes.Map(group);
        return group;
    }

    /// <summary>
    /// Maps <c>/info</c> (name, version, commit when the informational version carries one, start time, uptime, runtime
    /// and the configured features, as JSON) and <c>/status</c> (the overall status as one word: Healthy, Degraded or
    /// Unhealthy; Unhealthy answers 503).
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <returns>The routes, for chaining.</returns>
    public static IEndpointRouteBuilder MapPromptWatchInfo(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        InfoRoutes.Map(endpoints, endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);
        return endpoints;
    }

    /// <summary>
    /// Maps <c>{pattern}/config</c>: the effective configuration as JSON, with the values of keys naming a password,
    /// secret, token, key, connection string, credentials, authorization, cookie or webhook URL, every endpoint-check header, URL user info
    /// and connection-string passwords replaced by <c>***</c>. Protect the group (<c>RequireAuthorization()</c>).
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="pattern">Where to map it. Default <c>/admin</c>.</param>
    /// <returns>The group, to add authorization and further admin endpoints.</returns>
    public static RouteGroupBuilder MapPromptWatchAdmin(this IEndpointRouteBuilder endpoints, string pattern = "/admin")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(pattern);
        AdminRoutes.Map(group);
        return group;
    }
}
