using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PromptWatch.AspNetCore;

namespace PromptWatch.Workspaces;

/// <summary>
/// The workspace route families: <c>/{user}/{cluster}</c> and the legacy <c>/{user}</c> (the default cluster), each with
/// the dashboard and the API of <c>MapPromptWatch()</c>, served from the workspace's own monitor. A filter refuses a
/// request without a signed-in user (401, unless <see cref="WorkspaceOptions.AllowAnonymous"/>), checks the user and the
/// cluster (404, nothing created or contacted), then who asks (403), then gets or creates the workspace and holds it for
/// the request.
/// </summary>
internal sealed class WorkspaceEndpoints(WorkspaceManager manager, PromptWatchEndpointOptions options, string prefix)
{
    public void Map(IEndpointRouteBuilder group)
    {
        // One route table for both families: the dashboard files are read and hashed once, and each workspace has one
        // timeline view whichever family serves it.
        var routes = new PromptWatchViewRoutes(static context => Of(context).Monitor, EvalBase, options);
        MapFamily(group.MapGroup("/{user}/{cluster}"), withCluster: true, routes);
        MapFamily(group.MapGroup("/{user}"), withCluster: false, routes);
    }

    private void MapFamily(RouteGroupBuilder family, bool withCluster, PromptWatchViewRoutes routes)
    {
        family.AddEndpointFilter((context, next) => FilterAsync(context, next, withCluster));
        family.ExcludeFromDescription();
        routes.Map(family, manager.HasResults);
    }

    private async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, bool withCluster)
    {
        var context = invocation.HttpContext;
        var user = context.Request.RouteValues["user"] as string;
        var cluster = withCluster ? context.Request.RouteValues["cluster"] as string : null;
        // Who asks comes first: without a signed-in user (unless allowed) nothing else is looked at, not even the path.
        if (!manager.Options.AllowAnonymous && WorkspaceAuthorization.IsAnonymous(context.User))
        {
            return await WorkspaceAuthorization.RefuseAnonymousAsync(context).ConfigureAwait(false);
        }

        // Then: a user that does not match the pattern or a cluster not on the allow-list is 404, and no workspace is
        // created, no credential read, no connection made.
        if (!manager.TryValidate(user, cluster, out var key))
        {
            return RefusalPage.Problem(context, StatusCodes.Status404NotFound, "No such workspace", "The user or the cluster is not served here.");
        }

        if (!WorkspaceAuthorization.MayOpen(context.User, key, manager.Options))
        {
            return RefusalPage.Problem(context, StatusCodes.Status403Forbidden, "Not your workspace", $"Signed in users may open only their own workspace, unless they have the role '{manager.Options.AdminRole}'.");
        }

        var opening = manager.Open(key);
        if (opening.Refusal is { } refused) return Refused(context, refused);
        var workspace = opening.Workspace!;
        using var lease = opening.Lease;
        // Event streams are bounded per workspace and in total.
        IDisposable? stream = null;
        if (IsEventStream(context.Request) && (stream = manager.TryOpenEventStream(workspace, out var streams)) is null) return Refused(context, streams!);
        using (stream)
        {
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
                return RefusalPage.Problem(context, StatusCodes.Status503ServiceUnavailable, "Workspace was stopped", "The workspace was evicted while the request ran. Try again.");
            }
            finally
            {
                context.RequestAborted = aborted;
            }
        }
    }

    private static bool IsEventStream(HttpRequest request) =>
        request.Path.Value?.EndsWith("/api/events", StringComparison.OrdinalIgnoreCase) == true;

    // 429 or 503 with Retry-After and a problem (or, for a browser, a page) naming the setting that was reached.
    private static IResult Refused(HttpContext context, WorkspaceRefusal refusal)
    {
        context.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RefusalPage.Problem(
            context,
            refusal.StatusCode,
            refusal.Title,
            refusal.Detail,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["limit"] = refusal.Limit, ["retry_after"] = refusal.RetryAfterSeconds });
    }

    private static Workspace Of(HttpContext context) => (Workspace)context.Items[typeof(Workspace)]!;

    // From the validated key, the same for both families and any spelling of the cluster: one timeline view per workspace.
    private string EvalBase(HttpContext context)
    {
        var key = Of(context).Key;
        return $"{context.Request.PathBase}{prefix}/{Uri.EscapeDataString(key.User)}/{Uri.EscapeDataString(key.Cluster)}/eval/";
    }
}
