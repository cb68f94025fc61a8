using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore;
using PromptWatch.Workspaces;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the routes of multi-user workspaces.</summary>
public static class WorkspaceEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>, the workspace route families <c>/{user}/{cluster}</c> and <c>/{user}</c> (the
    /// default cluster), each with the dashboard and the API of <c>MapPromptWatch()</c> served from the workspace's own
    /// monitor (and, when workspaces have results, the report endpoints). A request without a signed-in user is 401 (the
    /// challenge of the host's default authentication scheme) unless <see cref="WorkspaceOptions.AllowAnonymous"/>. A user that does not match the pattern or a
    /// cluster that is not allowed is 404 before any workspace is created; an authenticated request for another user's
    /// workspace is 403 unless it has the admin role. Nothing is mapped unless <see cref="WorkspaceOptions.Enabled"/>.
    /// Needs <c>AddPromptWatch().AddWorkspaces()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where to map them, for example <c>/promptwatch</c>; empty for the root. Usually that of <c>MapPromptWatch()</c>.</param>
    /// <param name="configure">Endpoint and dashboard settings (as for <c>MapPromptWatch()</c>; no Activity panel and no health endpoints here).</param>
    /// <returns>The route group, to add <c>RequireAuthorization()</c>, rate limiting, CORS or other conventions.</returns>
    /// <exception cref="InvalidOperationException"><c>AddWorkspaces()</c> was not called.</exception>
    public static RouteGroupBuilder MapPromptWatchWorkspaces(this IEndpointRouteBuilder endpoints, string prefix = "", Action<PromptWatchEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var manager = endpoints.ServiceProvider.GetService<WorkspaceManager>()
            ?? throw new InvalidOperationException("Workspace services are missing: call services.AddPromptWatch().AddWorkspaces() before app.MapPromptWatchWorkspaces().");
        // Every workspace's views share one bounded cache (PromptWatch:Workspaces:ViewCacheBytes), unless configure sets another.
        var options = new PromptWatchEndpointOptions { ViewCache = manager.Options.Enabled ? manager.ViewCache : null };
        configure?.Invoke(options);
        // Repository activity belongs to the host, not to a workspace.
        options.ActivityUrl = null;
        var normalized = "/" + prefix.Trim('/');
        if (normalized == "/") normalized = string.Empty;
        var group = endpoints.MapGroup(normalized);
        group.AnswerHeadToGet();
        if (manager.Options.Enabled) new WorkspaceEndpoints(manager, options, normalized).Map(group);
        return group;
    }
}
