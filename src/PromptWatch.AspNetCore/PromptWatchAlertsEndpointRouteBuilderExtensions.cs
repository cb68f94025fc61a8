using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore;
using PromptWatch.AspNetCore.Api.Alerts;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the alerting API: alerts, silences, statistics and history, and the notification routes of the pipeline monitor's clients.</summary>
public static class PromptWatchAlertsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>GET api/alerts</c> (filters <c>state</c>, <c>severity</c>, <c>rule</c>,
    /// <c>limit</c>), <c>GET api/alerts/{id}</c>, <c>POST api/alerts/{id}/acknowledge</c> and <c>/resolve</c>,
    /// <c>GET</c> and <c>POST api/alerts/silences</c>, <c>DELETE api/alerts/silences/{id}</c>, <c>GET api/alerts/stats</c>,
    /// <c>POST api/alerts/evaluate</c>, <c>GET api/alerts/history</c>, and <c>api/v1/notifications/...</c>: <c>rules</c>
    /// (<c>GET</c>, <c>POST</c>, <c>PUT</c> and <c>DELETE rules/{rule_id}</c>), <c>history</c>, <c>slack/send</c>,
    /// <c>settings</c>, <c>status</c>, <c>test/slack</c> and <c>test/{channel}</c>. Invalid input is a 400 problem whose
    /// <c>field</c> names the field; nothing is stored. The routes change alerts and rules: protect the group
    /// (<c>RequireAuthorization()</c>). Needs the alerting engine (<c>AddAlerting()</c>).
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where to map them, for example <c>/promptwatch</c>; <c>/</c> for the root.</param>
    /// <param name="configure">Request limits.</param>
    /// <returns>The route group, to add <c>RequireAuthorization()</c>, rate limiting or other conventions.</returns>
    public static RouteGroupBuilder MapPromptWatchAlerts(this IEndpointRouteBuilder endpoints, string prefix = "/", Action<PromptWatchAlertEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var options = new PromptWatchAlertEndpointOptions();
        configure?.Invoke(options);
        if (options.MaxBodyBytes < 1) throw new ArgumentException("MaxBodyBytes must be positive.", nameof(configure));
        var services = endpoints.ServiceProvider;
        var manager = services.GetService<IAlertManager>()
            ?? throw new InvalidOperationException("The alerting engine is missing: call AddAlerting() on AddPromptWatch() before app.MapPromptWatchAlerts().");
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var engine = new AlertEngineInfo(manager, services.GetRequiredService<IOptions<AlertingOptions>>());

        var normalized = "/" + prefix.Trim('/');
        if (normalized == "/") normalized = string.Empty;
        var group = endpoints.MapGroup(normalized);
        group.WithTags("PromptWatch alerts");
        group.AnswerHeadToGet();
        AlertRoutes.Map(group, new AlertEndpoints(manager, timeProvider, options.MaxBodyBytes), new NotificationEndpoints(manager, engine, options.MaxBodyBytes));
        return group;
    }
}
