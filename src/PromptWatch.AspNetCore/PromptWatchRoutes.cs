using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PromptWatch.AspNetCore.Api;
using PromptWatch.AspNetCore.Api.Schemas;
using PromptWatch.AspNetCore.Dashboard;
using PromptWatch.Hosting;
using PromptWatch.Pipelines.Timeline;

namespace PromptWatch.AspNetCore;

/// <summary>
/// The route table of one PromptWatch view: the API, the result endpoints and the dashboard, each served from the
/// monitor, timeline view and report base the request maps to. With <paramref name="pipelines"/> (the host's pipeline
/// monitor), <c>api/usecases</c> says which version of each use case is deployed. <c>MapPromptWatch()</c> maps it once for the host's
/// monitor, with names and OpenAPI descriptions; <see cref="PromptWatchViewRoutes"/> maps it, undescribed, for monitors chosen per request.
/// </summary>
internal sealed class PromptWatchRoutes(
    PromptWatchEndpointOptions options,
    TimeProvider timeProvider,
    Func<HttpContext, PromptWatchMonitor> monitorOf,
    Func<HttpContext, TimelineViews> viewsOf,
    Func<HttpContext, string> evalBaseOf,
    PipelineTimeline? pipelines = null)
{
    /// <summary>Maps the routes on <paramref name="group"/>.</summary>
    /// <param name="group">Where to map them.</param>
    /// <param name="withResults">Whether to map the result endpoints (a result store exists).</param>
    /// <param name="assets">The dashboard's files, or <see langword="null"/> for no dashboard.</param>
    /// <param name="describe">Whether to name and describe the endpoints (names must be unique in the host).</param>
    public void Map(IEndpointRouteBuilder group, bool withResults, DashboardAssets? assets, bool describe)
    {
        void Describe(RouteHandlerBuilder endpoint, Action<RouteHandlerBuilder> metadata)
        {
            if (describe) metadata(endpoint);
        }

        Describe(
            Accepting(group.MapGet("/api/changes", Handler(context => ChangesEndpoints.GetChangesAsync(context, viewsOf(context), options, evalBaseOf(context)))), AcceptedQuery.Changes),
            static e => e.WithName("PromptWatchChanges")
                .WithSummary("The timeline of changes, newest first")
                .WithDescription("Without limit or cursor: a JSON array of every matching change. With them: {items, next_cursor, total}. Filters: env, usecase, model, author, status=enabled|disabled, q (text in model, author, use case, prompt, message or commit sha), repository; any other query parameter is a 400 problem. Compressed (br or gzip) as Accept-Encoding asks, with an ETag per encoding; answers 304 to If-None-Match with the current ETag of the encoding served.")
                .ProducesChangesOrPage()
                .Produces(StatusCodes.Status304NotModified)
                .ProducesProblem(StatusCodes.Status400BadRequest));
        Describe(
            group.MapGet("/api/changes/{sha}/{env}/{usecase}", (HttpContext context, string sha, string env, string usecase) => ChangesEndpoints.GetChangeAsync(context, viewsOf(context), evalBaseOf(context), sha, env, usecase)),
            static e => e.WithName("PromptWatchChange")
                .WithSummary("One change with its prompt diff")
                .Produces<Change>(StatusCodes.Status200OK, JsonResponses.MediaType)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound));
        Describe(
            group.MapGet("/api/usecases", Handler(context => ChangesEndpoints.GetUseCasesAsync(context, viewsOf(context), evalBaseOf(context), pipelines))),
            static e => e.WithName("PromptWatchUseCases")
                .WithSummary("Every use case per environment with its latest state")
                .WithDescription("With the pipeline monitor registered (AddPipelines()), each item also has deployed: the version live in its environment (sha), the commit deployed, when (at), the deployment and its run; null when nothing is deployed there.")
                .Produces<IReadOnlyList<UseCaseSummary>>(StatusCodes.Status200OK, JsonResponses.MediaType));
        Describe(
            Accepting(group.MapGet("/api/drift", (HttpContext context, string? repository, string? pair) => DriftEndpoints.GetDriftAsync(context, monitorOf(context), repository, pair)), AcceptedQuery.Drift),
            static e => e.WithName("PromptWatchDrift")
                .WithSummary("What differs between two environments now: each use case's current version on both sides, the fields that differ, the prompt diff, and how many changes the older side lags")
                .Produces(StatusCodes.Status200OK, contentType: JsonResponses.MediaType)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound));
        Describe(
            Accepting(group.MapGet("/api/compare", (HttpContext context, string? usecase, string? from, string? to, string? repository) => CompareEndpoints.GetComparisonAsync(context, monitorOf(context), usecase, from, to, repository)), AcceptedQuery.Compare),
            static e => e.WithName("PromptWatchCompare")
                .WithSummary("Two versions of a use case compared: the changed fields with old and new values, and the prompt's diff")
                .Produces(StatusCodes.Status200OK, contentType: JsonResponses.MediaType)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict));
        Describe(
            Accepting(group.MapGet("/api/usecases/{env}/{usecase}/history", (HttpContext context, string env, string usecase, string? repository) => UseCaseHistoryEndpoints.GetHistoryAsync(context, monitorOf(context), env, usecase, repository)), AcceptedQuery.UseCaseHistory),
            static e => e.WithName("PromptWatchUseCaseHistory")
                .WithSummary("One use case's versions in one environment, oldest first, with the promotions among them (the same settings in an earlier environment first) and their lead time")
                .Produces(StatusCodes.Status200OK, contentType: JsonResponses.MediaType)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict));
        Describe(
            Accepting(group.MapGet("/api/usecases/{env}/{usecase}/scores", (HttpContext context, string env, string usecase, string? repository) => UseCaseHistoryEndpoints.GetScoresAsync(context, monitorOf(context), env, usecase, repository)), AcceptedQuery.UseCaseHistory),
            static e => e.WithName("PromptWatchUseCaseScores")
                .WithSummary("One use case's evaluation scores in one environment: its metrics and one point per evaluated version, oldest first")
                .Produces(StatusCodes.Status200OK, contentType: JsonResponses.MediaType)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict));
        Describe(
            group.MapGet("/api/repositories", Handler(context => RepositoryEndpoints.GetRepositoriesAsync(context, monitorOf(context)))),
            static e => e.WithName("PromptWatchRepositories")
                .WithSummary("The watched repositories and how their last refresh went")
                .Produces<IReadOnlyList<RepositoryState>>(StatusCodes.Status200OK, JsonResponses.MediaType));
        Describe(
            Accepting(group.MapPost("/api/refresh", (HttpContext context, string? repository) => RepositoryEndpoints.RefreshAsync(context, monitorOf(context), repository)), AcceptedQuery.Refresh),
            static e => e.WithName("PromptWatchRefresh")
                .WithSummary("Fetches and rescans now; answers {status, count, new_changes}")
                .Produces<RefreshAnswer>(StatusCodes.Status200OK, JsonResponses.MediaType)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status502BadGateway));
        Describe(
            group.MapGet("/api/events", Handler(context => EventsEndpoint.StreamAsync(context, monitorOf(context), options.EventsKeepAlive, timeProvider))),
            static e => e.WithName("PromptWatchEvents")
                .WithSummary("Server-sent events: first 'hello' with the timeline version the stream follows, then 'changes' when a scan publishes new entries, 'status' when only repository status changed")
                .Produces(StatusCodes.Status200OK, contentType: "text/event-stream"));
        Describe(
            group.MapGet("/api/s3-debug", Handler(context => ResultStoreEndpoints.DebugAsync(context, monitorOf(context)))),
            static e => e.WithName("PromptWatchResultStores")
                .WithSummary("The result stores: endpoint, bucket, UI URL, object count, sample keys, last error, last refresh (never a secret)")
                .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType));
        if (withResults) MapResults(group, Describe);

        if (assets is not null)
        {
            group.MapGet("/", Handler(context => DashboardEndpoints.ServeAsync(context, assets, "index.html"))).ExcludeFromDescription();
            group.MapGet("/dashboard/{file}", (HttpContext context, string file) => DashboardEndpoints.ServeAsync(context, assets, file)).ExcludeFromDescription();
        }
    }

    private void MapResults(IEndpointRouteBuilder group, Action<RouteHandlerBuilder, Action<RouteHandlerBuilder>> describe)
    {
        describe(
            group.MapGet("/eval/{sha}", (HttpContext context, string sha) => EvaluationEndpoints.Choose(context, monitorOf(context), evalBaseOf(context), sha)),
            static e => e.WithName("PromptWatchEvaluation")
                .WithSummary("A commit's evaluation results: one file redirects to it, several give a page to choose from")
                .Produces(StatusCodes.Status302Found)
                .Produces(StatusCodes.Status200OK, contentType: "text/html")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict));
        describe(
            Accepting(group.MapGet("/eval/{sha}/{usecase}", (HttpContext context, string sha, string usecase, string? key) => EvaluationEndpoints.ServeAsync(context, monitorOf(context), evalBaseOf(context), sha, usecase, key, options.MaxReportBytes)), AcceptedQuery.Report),
            static e => e.WithName("PromptWatchEvaluationReport")
                .WithSummary("One report, as text/html in a CSP sandbox; 413 above the size cap")
                .Produces(StatusCodes.Status200OK, contentType: "text/html")
                .Produces(StatusCodes.Status413PayloadTooLarge, contentType: "text/html")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status502BadGateway));
        describe(
            Accepting(group.MapGet("/eval/{sha}/{usecase}/view", (HttpContext context, string sha, string usecase, string? key) => EvaluationEndpoints.View(context, monitorOf(context), evalBaseOf(context), sha, usecase, key, options.ReportLinkLifetime)), AcceptedQuery.Report),
            static e => e.WithName("PromptWatchEvaluationView")
                .WithSummary("Redirects to the report in its store (web console or a freshly signed URL)")
                .Produces(StatusCodes.Status302Found)
                .ProducesProblem(StatusCodes.Status404NotFound));
        describe(
            group.MapPost("/api/s3-refresh", Handler(context => ResultStoreEndpoints.RefreshAsync(context, monitorOf(context)))),
            static e => e.WithName("PromptWatchResultsRefresh")
                .WithSummary("Lists the result stores now; answers {status, updated_count, total_changes}")
                .Produces(StatusCodes.Status200OK, contentType: JsonResponses.ContentType)
                .ProducesProblem(StatusCodes.Status502BadGateway));
    }

    // The route refuses other query parameters and carries the list, which the API document describes.
    private static RouteHandlerBuilder Accepting(RouteHandlerBuilder endpoint, AcceptedQuery accepted) =>
        endpoint.AddEndpointFilter(accepted).WithMetadata(accepted).DescribeQuery(accepted);

    // A handler that takes only the HttpContext would bind as a RequestDelegate: without OpenAPI metadata or result
    // handling, and without the endpoint filters a group of per-request monitors relies on.
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static Delegate Handler(Func<HttpContext, Task> handler) => handler;
}
