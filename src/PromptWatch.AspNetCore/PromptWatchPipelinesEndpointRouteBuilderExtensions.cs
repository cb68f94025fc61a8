using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore;
using PromptWatch.AspNetCore.Api.Pipelines;
using PromptWatch.Pipelines;
using PromptWatch.Hosting;
using PromptWatch.Pipelines.Analytics;
using PromptWatch.Pipelines.Timeline;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the pipeline monitor's API: live status, builds, logs, rerun and cancel, rollbacks, analytics, WebSocket and server-sent events.</summary>
public static class PromptWatchPipelinesEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>GET api/v1/pipeline/overview</c>, <c>/status</c>, <c>/metrics</c>,
    /// <c>/recent</c>, <c>/commits</c> (the checks of commits), <c>/deployed</c> (the commit live per environment) and <c>/events</c> (server-sent events); <c>GET api/v1/builds</c> (paging and filters),
    /// <c>/builds/{build_id}</c>, <c>/logs</c>, <c>/jobs/{job_id}/logs</c>, <c>POST /rerun</c> and <c>/cancel</c>,
    /// <c>GET api/v1/builds/history/rollbacks</c>; <c>GET api/v1/analytics/overview</c>, <c>/trends</c>, <c>/mttr</c>,
    /// <c>/performance</c>, <c>/failures</c>, <c>/workflows/comparison</c>, <c>/dora</c>; and the WebSocket <c>/ws</c>
    /// (the host must call <c>app.UseWebSockets()</c>). Invalid input is a 400 problem naming the parameter. Rerun and
    /// cancel act on the CI system: protect the group (<c>RequireAuthorization()</c>). Needs <c>AddPipelines()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where to map them, for example <c>/promptwatch</c>; <c>/</c> for the root.</param>
    /// <returns>The route group, to add <c>RequireAuthorization()</c>, rate limiting or other conventions.</returns>
    public static RouteGroupBuilder MapPromptWatchPipelines(this IEndpointRouteBuilder endpoints, string prefix = "/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var services = endpoints.ServiceProvider;
        var analytics = services.GetService<PipelineAnalyticsService>()
            ?? throw new InvalidOperationException("The pipeline monitor is missing: call AddPipelines() on AddPromptWatch() before app.MapPromptWatchPipelines().");
        var store = services.GetRequiredService<IPipelineStore>();
        var options = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var providers = new PipelineProviders(services.GetServices<IPipelineProvider>());
        var live = new PipelineLiveConnections(services.GetRequiredService<IPipelineEvents>(), services.GetService<PromptWatch.Alerting.IAlertNotificationFeed>(), options, loggers.CreateLogger("PromptWatch.Pipelines.Live"), services.GetService<PromptWatch.Pipelines.Diagnostics.PipelineMetrics>());

        var normalized = "/" + prefix.Trim('/');
        if (normalized == "/") normalized = string.Empty;
        var group = endpoints.MapGroup(normalized);
        group.WithTags("PromptWatch pipelines");
        group.AnswerHeadToGet();
        PipelineRoutes.Map(
            group,
            new PipelineEndpoints(store, analytics),
            new BuildEndpoints(store, providers, analytics, services.GetRequiredService<PipelineUpdater>(), loggers.CreateLogger("PromptWatch.Pipelines.Builds")),
            live,
            new TimelineMarkEndpoints(services.GetRequiredService<PipelineTimeline>(), services.GetService<PromptWatchMonitor>()));
        return group;
    }
}
