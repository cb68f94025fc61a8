using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>The route table of <c>MapPromptWatchAlerts()</c>, with names and OpenAPI descriptions.</summary>
internal static class AlertRoutes
{
    private const string Json = JsonResponses.MediaType;

    public static void Map(IEndpointRouteBuilder group, AlertEndpoints alerts, NotificationEndpoints notifications)
    {
        Accepting(group.MapGet("/api/alerts", (HttpContext context, string? state, string? severity, string? rule, string? limit) => alerts.ListAsync(context, state, severity, rule, limit)), AlertQueries.Alerts)
            .WithName("PromptWatchAlerts")
            .WithSummary("The alerts, newest first: id, rule, severity, state, labels, summary, value, url, starts_at, fired_at, last_breach_at, breaches, acknowledgement, resolution, silenced_by")
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/api/alerts/silences", Handler(alerts.ListSilencesAsync))
            .WithName("PromptWatchAlertSilences")
            .WithSummary("The silences, active and expired: id, matchers, starts_at, ends_at, created_by, comment, status")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        Body(group.MapPost("/api/alerts/silences", Handler(alerts.CreateSilenceAsync)))
            .WithName("PromptWatchAlertSilenceCreate")
            .WithSummary("Creates a silence from {matchers: [{name, value, is_regex, is_equal}], starts_at?, ends_at or duration (seconds, 30m, 2h, 1d), comment}; the author is the signed-in user")
            .Produces(StatusCodes.Status201Created, contentType: Json);
        group.MapDelete("/api/alerts/silences/{id}", (HttpContext context, string id) => alerts.ExpireSilenceAsync(context, id))
            .WithName("PromptWatchAlertSilenceExpire")
            .WithSummary("Ends a silence now; answers the expired silence")
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/api/alerts/stats", Handler(alerts.StatisticsAsync))
            .WithName("PromptWatchAlertStatistics")
            .WithSummary("Per rule and per severity: fired, resolved, open, mean time to acknowledge and to resolve (seconds)")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        group.MapPost("/api/alerts/evaluate", Handler(alerts.EvaluateAsync))
            .WithName("PromptWatchAlertEvaluate")
            .WithSummary("Evaluates every metric rule now; answers {at, rules_evaluated, changed}")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        Accepting(group.MapGet("/api/alerts/history", (HttpContext context, string? limit, string? rule, string? alert) => alerts.HistoryAsync(context, limit, rule, alert)), AlertQueries.History)
            .WithName("PromptWatchAlertHistory")
            .WithSummary("Transitions and notification attempts, newest first: at, kind, alert, rule, severity, from, to, channel, outcome, error, by, comment")
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/api/alerts/{id}", (HttpContext context, string id) => alerts.GetAsync(context, id))
            .WithName("PromptWatchAlert")
            .WithSummary("One alert")
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        Transition(group.MapPost("/api/alerts/{id}/acknowledge", (HttpContext context, string id) => alerts.AcknowledgeAsync(context, id)))
            .WithName("PromptWatchAlertAcknowledge")
            .WithSummary("Acknowledges a firing or suppressed alert, by the signed-in user ('anonymous' without one), with the body's optional {comment}");
        Transition(group.MapPost("/api/alerts/{id}/resolve", (HttpContext context, string id) => alerts.ResolveAsync(context, id)))
            .WithName("PromptWatchAlertResolve")
            .WithSummary("Resolves an alert by hand, by the signed-in user ('anonymous' without one), with the body's optional {comment}");

        MapNotifications(group, notifications);
    }

    private static void MapNotifications(IEndpointRouteBuilder group, NotificationEndpoints notifications)
    {
        group.MapGet("/api/v1/notifications/rules", Handler(notifications.ListRulesAsync))
            .WithName("PromptWatchNotificationRules")
            .WithSummary("The rules in force (defaults, configured, created here): name, description, severity, labels, channels, cooldown_seconds, max_notifications_per_hour, auto_resolve_after_seconds, enabled, and metric or event")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        Body(group.MapPost("/api/v1/notifications/rules", Handler(notifications.CreateRuleAsync)))
            .WithName("PromptWatchNotificationRuleCreate")
            .WithSummary("Creates a rule (the shape GET answers); a rule of that name is a 409")
            .Produces(StatusCodes.Status201Created, contentType: Json)
            .ProducesProblem(StatusCodes.Status409Conflict);
        Body(group.MapPut("/api/v1/notifications/rules/{rule_id}", (HttpContext context, [FromRoute(Name = "rule_id")] string ruleId) => notifications.UpdateRuleAsync(context, ruleId)))
            .WithName("PromptWatchNotificationRuleUpdate")
            .WithSummary("Replaces a rule; the body's name, if given, must be rule_id")
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/api/v1/notifications/rules/{rule_id}", (HttpContext context, [FromRoute(Name = "rule_id")] string ruleId) => notifications.DeleteRuleAsync(context, ruleId))
            .WithName("PromptWatchNotificationRuleDelete")
            .WithSummary("Deletes a rule created through the API, or disables a default or configured one")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        Accepting(group.MapGet("/api/v1/notifications/history", (HttpContext context, string? limit, string? rule, string? alert) => notifications.HistoryAsync(context, limit, rule, alert)), AlertQueries.History)
            .WithName("PromptWatchNotificationHistory")
            .WithSummary("The notification attempts, newest first (channel, outcome, error without secrets)")
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        Send(Body(group.MapPost("/api/v1/notifications/slack/send", Handler(notifications.SendSlackAsync))))
            .WithName("PromptWatchNotificationSlackSend")
            .WithSummary("Sends {title?, text} to the Slack channel now; answers {channel, succeeded, error}");
        group.MapGet("/api/v1/notifications/settings", Handler(notifications.SettingsAsync))
            .WithName("PromptWatchNotificationSettings")
            .WithSummary("The configured channels by name, the cooldown, the hourly cap and the evaluation interval (never a URL or secret)")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        group.MapGet("/api/v1/notifications/status", Handler(notifications.StatusAsync))
            .WithName("PromptWatchNotificationStatus")
            .WithSummary("Whether the engine runs, its last evaluation, and how many rules, channels and alerts per state there are")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        Send(group.MapPost("/api/v1/notifications/test/slack", Handler(context => notifications.TestAsync(context, "slack"))))
            .WithName("PromptWatchNotificationTestSlack")
            .WithSummary("Sends a test notification to the Slack channel");
        Send(group.MapPost("/api/v1/notifications/test/{channel}", (HttpContext context, string channel) => notifications.TestAsync(context, channel)))
            .WithName("PromptWatchNotificationTest")
            .WithSummary("Sends a test notification to one channel (log, webhook, discord, email, alertmanager...)");
    }

    // The route refuses other query parameters and carries the list, which the API document describes.
    private static RouteHandlerBuilder Accepting(RouteHandlerBuilder endpoint, AcceptedQuery accepted) =>
        endpoint.AddEndpointFilter(accepted).WithMetadata(accepted).DescribeQuery(accepted);

    // A handler that takes only the HttpContext would bind as a RequestDelegate: without OpenAPI metadata or result handling.
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static RouteHandlerBuilder Body(RouteHandlerBuilder endpoint) =>
        endpoint.Accepts<object>(Json)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static RouteHandlerBuilder Transition(RouteHandlerBuilder endpoint) =>
        Body(endpoint)
            .Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static RouteHandlerBuilder Send(RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status200OK, contentType: Json)
            .Produces(StatusCodes.Status502BadGateway, contentType: Json)
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
