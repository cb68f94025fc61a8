using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>
/// The handlers of <c>api/v1/notifications/...</c>, the routes of the pipeline monitor's clients: rules, history,
/// settings, status and sends to a channel, all on the alerting engine.
/// </summary>
internal sealed class NotificationEndpoints(IAlertManager manager, AlertEngineInfo engine, long maxBodyBytes)
{
    // How far back the notification history looks for the entries it returns (transitions are skipped).
    private const int HistoryScan = 5000;
    private static readonly string[] SendFields = ["title", "text"];

    public async Task<IResult> ListRulesAsync(HttpContext context)
    {
        var rules = await manager.GetRulesAsync(context.RequestAborted).ConfigureAwait(false);
        return await AlertEndpoints.WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var rule in rules) AlertRuleJson.Write(writer, rule);
            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public Task<IResult> CreateRuleAsync(HttpContext context) => SaveRuleAsync(context, null);

    public Task<IResult> UpdateRuleAsync(HttpContext context, string ruleId) => SaveRuleAsync(context, ruleId);

    public async Task<IResult> DeleteRuleAsync(HttpContext context, string ruleId) =>
        await manager.DeleteRuleAsync(ruleId, context.RequestAborted).ConfigureAwait(false) ? TypedResults.NoContent() : AlertProblems.NotFound("rule", ruleId);

    public async Task<IResult> HistoryAsync(HttpContext context, string? limit, string? rule, string? alert)
    {
        if (!AlertEndpoints.TryLimit(limit, 100, out var count, out var problem)) return problem;
        var entries = await manager.GetHistoryAsync(new AlertHistoryQuery(HistoryScan, rule, alert), context.RequestAborted).ConfigureAwait(false);
        return await AlertEndpoints.WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var entry in entries.Where(static e => e.Kind == AlertHistoryKind.Notification).Take(count)) AlertJson.WriteHistoryEntry(writer, entry);
            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task<IResult> SendSlackAsync(HttpContext context)
    {
        var (document, problem) = await AlertRequestBody.ReadAsync(context, maxBodyBytes).ConfigureAwait(false);
        if (problem is not null) return problem;
        using (document)
        {
            try
            {
                var fields = JsonField.Object(document!.RootElement, string.Empty, SendFields);
                var title = JsonField.OptionalString(fields, string.Empty, "title");
                var text = JsonField.RequiredString(fields, string.Empty, "text");
                return await SendAsync(context, "slack", title, text).ConfigureAwait(false);
            }
            catch (AlertValidationException e)
            {
                return AlertProblems.Invalid(e);
            }
        }
    }

    public async Task<IResult> TestAsync(HttpContext context, string channel)
    {
        try
        {
            return await SendAsync(context, channel, null, null).ConfigureAwait(false);
        }
        catch (AlertValidationException e)
        {
            return AlertProblems.Invalid(e);
        }
    }

    public Task<IResult> SettingsAsync(HttpContext context)
    {
        var settings = engine.Settings;
        return AlertEndpoints.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            AlertJson.WriteStrings(writer, "channels", manager.Channels);
            writer.WriteNumber("cooldown_seconds", settings.Cooldown.TotalSeconds);
            writer.WriteNumber("max_notifications_per_hour", settings.MaxNotificationsPerHour);
            writer.WriteNumber("evaluation_interval_seconds", settings.EvaluationInterval.TotalSeconds);
            writer.WriteBoolean("default_rules", settings.DefaultRules);
            writer.WriteEndObject();
        });
    }

    public async Task<IResult> StatusAsync(HttpContext context)
    {
        var rules = await manager.GetRulesAsync(context.RequestAborted).ConfigureAwait(false);
        var alerts = await manager.GetAlertsAsync(new AlertQuery(Limit: int.MaxValue), context.RequestAborted).ConfigureAwait(false);
        var lastEvaluation = manager.LastEvaluation;
        return await AlertEndpoints.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("running", engine.Running);
            if (lastEvaluation is { } last) writer.WriteString("last_evaluation", last);
            else writer.WriteNull("last_evaluation");
            writer.WriteNumber("evaluation_interval_seconds", engine.Settings.EvaluationInterval.TotalSeconds);
            writer.WriteNumber("rules", rules.Count);
            writer.WriteNumber("enabled_rules", rules.Count(static r => r.Enabled));
            writer.WriteNumber("channels", manager.Channels.Count);
            writer.WriteStartObject("alerts");
            foreach (var state in Enum.GetValues<AlertState>()) writer.WriteNumber(AlertJsonNames.Of(state), alerts.Count(a => a.State == state));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task<IResult> SaveRuleAsync(HttpContext context, string? ruleId)
    {
        var (document, problem) = await AlertRequestBody.ReadAsync(context, maxBodyBytes).ConfigureAwait(false);
        if (problem is not null) return problem;
        using (document)
        {
            try
            {
                var rule = AlertRuleReader.Read(document!.RootElement, ruleId);
                var existing = (await manager.GetRulesAsync(context.RequestAborted).ConfigureAwait(false)).Any(r => string.Equals(r.Name, rule.Name, StringComparison.Ordinal));
                if (ruleId is null && existing)
                {
                    return AlertProblems.Invalid("name", $"A rule named '{rule.Name}' exists: change it with PUT api/v1/notifications/rules/{rule.Name}.", StatusCodes.Status409Conflict);
                }

                if (ruleId is not null && !existing) return AlertProblems.NotFound("rule", ruleId);
                var saved = await manager.SaveRuleAsync(rule, context.RequestAborted).ConfigureAwait(false);
                return await AlertEndpoints.WriteAsync(context, writer => AlertRuleJson.Write(writer, saved), ruleId is null ? StatusCodes.Status201Created : StatusCodes.Status200OK).ConfigureAwait(false);
            }
            catch (AlertValidationException e)
            {
                return AlertProblems.Invalid(e);
            }
        }
    }

    private async Task<IResult> SendAsync(HttpContext context, string channel, string? title, string? text)
    {
        var result = await manager.SendTestAsync(channel, title, text, context.RequestAborted).ConfigureAwait(false);
        return await AlertEndpoints.WriteAsync(context, writer => AlertJson.WriteSendResult(writer, result), result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway).ConfigureAwait(false);
    }
}
