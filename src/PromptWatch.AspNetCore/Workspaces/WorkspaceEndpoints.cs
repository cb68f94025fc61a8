using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PromptWatch.AspNetCore.Api;
using PromptWatch.AspNetCore.Dashboard;
using PromptWatch.Hosting;
using PromptWatch.Workspaces;

namespace PromptWatch.AspNetCore.Workspaces;

/// <summary>
/// The workspace route families: <c>/{user}/{cluster}</c> and the legacy <c>/{user}</c> (the default cluster), each with
/// the dashboard and the API of <c>MapPromptWatch()</c>, served from the workspace's own monitor. A filter checks the user
/// and the cluster before anything else (404, nothing created or contacted), then who asks (403), then gets or creates
/// the workspace and holds it for the request.
/// </summary>
internal sealed class WorkspaceEndpoints(WorkspaceManager manager, PromptWatchEndpointOptions options, TimeProvider timeProvider, string prefix)
{
    private readonly ConditionalWeakTable<PromptWatchMonitor, TimelineViews> _views = [];

    public void Map(IEndpointRouteBuilder group)
    {
        // One set of dashboard assets (read and hashed once) for both families. No Activity panel: repository
        // activity belongs to the host, not to a workspace.
        var assets = options.Dashboard ? new DashboardAssets(options.DashboardPollInterval) : null;
        MapFamily(group.MapGroup("/{user}/{cluster}"), withCluster: true, assets);
        MapFamily(group.MapGroup("/{user}"), withCluster: false, assets);
    }

    private void MapFamily(RouteGroupBuilder family, bool withCluster, DashboardAssets? assets)
    {
        family.AddEndpointFilter((context, next) => FilterAsync(context, next, withCluster));
        family.ExcludeFromDescription();

        new PromptWatchRoutes(options, timeProvider, static context => Of(context).Monitor, Views, EvalBase).Map(family, manager.HasResults, assets, describe: false);
    }

    private async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, bool withCluster)
    {
        var context = invocation.HttpContext;
        var user = context.Request.RouteValues["user"] as string;
        var cluster = withCluster ? context.Request.RouteValues["cluster"] as string : null;
        // Before anything else: a user that does not match the pattern or a cluster not on the allow-list is 404,
        // and no workspace is created, no credential read, no connection made.
        if (!manager.TryValidate(user, cluster, out var key))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: "The user or the cluster is not served here.");
        }

        if (!WorkspaceAuthorization.MayOpen(context.User, key, manager.Options))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your workspace", detail: $"Signed in users may open only their own workspace, unless they have the role '{manager.Options.AdminRole}'.");
        }

        // An eviction may win the race between finding the workspace and holding it: then get it afresh.
        for (var attempt = 0; ; attempt++)
        {
            var workspace = manager.GetOrCreate(key);
            using var lease = workspace.TryAcquire();
            if (lease is null)
            {
                if (attempt < 3) continue;
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Workspace is restarting", detail: "Try again.");
            }

            context.Items[typeof(Workspace)] = workspace;
            // Event streams and refreshes end when the workspace is evicted.
            var aborted = context.RequestAborted;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, workspace.Stopping);
            context.RequestAborted = linked.Token;
            try
            {
                return await next(invocation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (workspace.Stopping.IsCancellationRequested && !aborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                // Evicted while this request (a refresh, say) was running: the client may simply ask again.
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Workspace was stopped", detail: "The workspace was evicted while the request ran. Try again.");
            }
            finally
            {
                context.RequestAborted = aborted;
            }
        }
    }

    private static Workspace Of(HttpContext context) => (Workspace)context.Items[typeof(Workspace)]!;

    private TimelineViews Views(HttpContext context) => _views.GetValue(Of(context).Monitor, monitor => new TimelineViews(monitor, options.ReportLinkLifetime));

    // From the validated key, the same for both families and any spelling of the cluster: one timeline view per workspace.
    private string EvalBase(HttpContext context)
    {
        var key = Of(context).Key;
        return $"{context.Request.PathBase}{prefix}/{Uri.EscapeDataString(key.User)}/{Uri.EscapeDataString(key.Cluster)}/eval/";
    }
}
