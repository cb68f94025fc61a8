using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore;
using PromptWatch.AspNetCore.Api;
using PromptWatch.AspNetCore.Dashboard;
using PromptWatch.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the PromptWatch API and dashboard.</summary>
public static class PromptWatchEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: the dashboard (<c>/</c>), <c>GET api/changes</c>,
    /// <c>GET api/changes/{sha}/{env}/{usecase}</c>, <c>GET api/usecases</c>, <c>GET api/repositories</c>,
    /// <c>POST api/refresh</c>, <c>GET api/events</c> (server-sent events) and, when a result store is registered,
    /// <c>GET eval/{sha}</c>, <c>GET eval/{sha}/{usecase}</c>, <c>GET api/s3-debug</c>, <c>POST api/s3-refresh</c>. Needs <c>services.AddPromptWatch()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where to map them, for example <c>/promptwatch</c>; empty for the root.</param>
    /// <param name="configure">Endpoint and dashboard settings.</param>
    /// <returns>The route group, to add <c>RequireAuthorization()</c>, rate limiting, CORS or other conventions.</returns>
    public static RouteGroupBuilder MapPromptWatch(this IEndpointRouteBuilder endpoints, string prefix = "", Action<PromptWatchEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var options = new PromptWatchEndpointOptions();
        configure?.Invoke(options);
        if (options.MaxPageSize < 1) throw new ArgumentException("MaxPageSize must be positive.", nameof(configure));

        var monitor = endpoints.ServiceProvider.GetService<PromptWatchMonitor>()
            ?? throw new InvalidOperationException("PromptWatch services are missing: call services.AddPromptWatch() before app.MapPromptWatch().");
        var timeProvider = endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        if (options.MaxReportBytes < 1) throw new ArgumentException("MaxReportBytes must be positive.", nameof(configure));
        var views = new TimelineViews(monitor, options.ReportLinkLifetime);
        var normalized = "/" + prefix.Trim('/');
        if (normalized == "/") normalized = string.Empty;
        var group = endpoints.MapGroup(normalized);
        group.WithTags("PromptWatch");
        string EvalBase(HttpContext context) => $"{context.Request.PathBase}{normalized}/eval/";

        group.MapGet("/api/changes", Handler(context => ChangesEndpoints.GetChangesAsync(context, views, options, EvalBase(context))))
            .WithName("PromptWatchChanges")
            .WithSummary("The timeline of changes, newest first")
            .WithDescription("Without limit or cursor: a JSON array of every matching change. With them: {items, next_cursor, total}. Filters: env, usecase, status=enabled|disabled, q (text in prompt, message or use case), repository. Answers 304 to If-None-Match with the current ETag.")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/api/changes/{sha}/{env}/{usecase}", (HttpContext context, string sha, string env, string usecase) => ChangesEndpoints.GetChangeAsync(context, views, EvalBase(context), sha, env, usecase))
            .WithName("PromptWatchChange")
            .WithSummary("One change with its prompt diff")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/api/usecases", Handler(context => ChangesEndpoints.GetUseCasesAsync(context, views, EvalBase(context))))
            .WithName("PromptWatchUseCases")
            .WithSummary("Every use case per environment with its latest state")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType);
        group.MapGet("/api/repositories", Handler(context => RepositoryEndpoints.GetRepositoriesAsync(context, monitor)))
            .WithName("PromptWatchRepositories")
            .WithSummary("The watched repositories and how their last refresh went")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType);
        group.MapPost("/api/refresh", (HttpContext context, string? repository) => RepositoryEndpoints.RefreshAsync(context, monitor, repository))
            .WithName("PromptWatchRefresh")
            .WithSummary("Fetches and rescans now; answers {status, count, new_changes}")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapGet("/api/events", Handler(context => EventsEndpoint.StreamAsync(context, monitor, options.EventsKeepAlive, timeProvider)))
            .WithName("PromptWatchEvents")
            .WithSummary("Server-sent events: 'changes' when a scan publishes new entries, 'status' when only repository status changed")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        group.MapGet("/api/s3-debug", Handler(context => ResultStoreEndpoints.DebugAsync(context, monitor)))
            .WithName("PromptWatchResultStores")
            .WithSummary("The result stores: endpoint, bucket, UI URL, object count, sample keys, last error, last refresh (never a secret)")
            .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType);
        if (monitor.ResultStoreList.Any())
        {
            group.MapGet("/eval/{sha}", (HttpContext context, string sha) => EvaluationEndpoints.Choose(context, monitor, EvalBase(context), sha))
                .WithName("PromptWatchEvaluation")
                .WithSummary("A commit's evaluation results: one file redirects to it, several give a page to choose from")
                .Produces(StatusCodes.Status302Found)
                .Produces(StatusCodes.Status200OK, contentType: "text/html")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
            group.MapGet("/eval/{sha}/{usecase}", (HttpContext context, string sha, string usecase, string? key) => EvaluationEndpoints.ServeAsync(context, monitor, sha, usecase, key, options.MaxReportBytes))
                .WithName("PromptWatchEvaluationReport")
                .WithSummary("One report, as text/html in a CSP sandbox; 413 above the size cap")
                .Produces(StatusCodes.Status200OK, contentType: "text/html")
                .Produces(StatusCodes.Status413PayloadTooLarge, contentType: "text/html")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status502BadGateway);
            group.MapGet("/eval/{sha}/{usecase}/view", (HttpContext context, string sha, string usecase, string? key) => EvaluationEndpoints.View(monitor, EvalBase(context), sha, usecase, key, options.ReportLinkLifetime))
                .WithName("PromptWatchEvaluationView")
                .WithSummary("Redirects to the report in its store (web console or a freshly signed URL)")
                .Produces(StatusCodes.Status302Found)
                .ProducesProblem(StatusCodes.Status404NotFound);
            group.MapPost("/api/s3-refresh", Handler(context => ResultStoreEndpoints.RefreshAsync(context, monitor)))
                .WithName("PromptWatchResultsRefresh")
                .WithSummary("Lists the result stores now; answers {status, updated_count, total_changes}")
                .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType)
                .ProducesProblem(StatusCodes.Status502BadGateway);
        }

        if (options.Dashboard)
        {
            var assets = new DashboardAssets(options.DashboardPollInterval, options.ActivityUrl);
            group.MapGet("/", Handler(context => DashboardEndpoints.ServeAsync(context, assets, "index.html"))).ExcludeFromDescription();
            group.MapGet("/dashboard/{file}", (HttpContext context, string file) => DashboardEndpoints.ServeAsync(context, assets, file)).ExcludeFromDescription();
        }

        // Multi-user workspaces (AddWorkspaces() with PromptWatch:Workspaces:Enabled): /{user}/{cluster} and /{user}.
        if (endpoints.ServiceProvider.GetService<PromptWatch.Workspaces.WorkspaceManager>() is { Options.Enabled: true } workspaces)
        {
            new PromptWatch.AspNetCore.Workspaces.WorkspaceEndpoints(workspaces, options, timeProvider, normalized).Map(group);
        }

        if (options.HealthChecks) group.MapPromptWatchHealthChecks();
        return group;
    }

    // A handler that takes only the HttpContext would bind as a RequestDelegate, without OpenAPI metadata or result handling.
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static Delegate Handler(Func<HttpContext, Task> handler) => handler;
}
