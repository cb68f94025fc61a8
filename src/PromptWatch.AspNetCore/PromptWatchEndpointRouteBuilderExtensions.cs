using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore;
using PromptWatch.AspNetCore.Api;
using PromptWatch.AspNetCore.Dashboard;
using PromptWatch.Hosting;
using PromptWatch.Pipelines.Timeline;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the PromptWatch API and dashboard.</summary>
public static class PromptWatchEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: the dashboard (<c>/</c>), <c>GET api/changes</c>,
    /// <c>GET api/changes/{sha}/{env}/{usecase}</c>, <c>GET api/usecases</c>, <c>GET api/drift</c>, <c>GET api/compare</c>, <c>GET api/usecases/{env}/{usecase}/history</c>, <c>GET api/repositories</c>,
    /// <c>POST api/refresh</c>, <c>GET api/events</c> (server-sent events), <c>GET api/performance</c> and, when a result store is registered,
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
        var views = new TimelineViews(monitor, options.ReportLinkLifetime, options.ViewCache);
        var normalized = "/" + prefix.Trim('/');
        if (normalized == "/") normalized = string.Empty;
        var group = endpoints.MapGroup(normalized);
        group.WithTags("PromptWatch");
        group.AnswerHeadToGet();
        string EvalBase(HttpContext context) => $"{context.Request.PathBase}{normalized}/eval/";

        var assets = options.Dashboard ? new DashboardAssets(options.DashboardPollInterval, options.ActivityUrl, options.SignInPath, performance: true, alertsUrl: options.AlertsUrl, pipelinesUrl: options.PipelinesUrl) : null;
        new PromptWatchRoutes(options, timeProvider, _ => monitor, _ => views, EvalBase, endpoints.ServiceProvider.GetService<PipelineTimeline>()).Map(group, monitor.ResultStoreList.Any(), assets, describe: true);

        PerformanceEndpoints.Map(group);
        if (options.HealthChecks) group.MapPromptWatchHealthChecks();
        return group;
    }
}
