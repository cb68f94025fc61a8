using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>The handlers of <c>api/alerts/...</c>: alerts and their transitions, silences, statistics, evaluation and history.</summary>
internal sealed class AlertEndpoints(IAlertManager manager, TimeProvider timeProvider, long maxBodyBytes)
{
    /// <summary>The most alerts or history entries one request may ask for.</summary>
    public const int MaxLimit = 1000;

    public async Task<IResult> ListAsync(HttpContext context, string? state, string? severity, string? rule, string? limit)
    {
        if (!TryParse<AlertState>("state", state, out var stateValue, out var problem)) return problem;
        if (!TryParse<AlertSeverity>("severity", severity, out var severityValue, out problem)) return problem;
        if (!TryLimit(limit, 200, out var count, out problem)) return problem;
        var alerts = await manager.GetAlertsAsync(new AlertQuery(stateValue, severityValue, rule, count), context.RequestAborted).ConfigureAwait(false);
        return await WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var alert in alerts) AlertJson.WriteAlert(writer, alert);
            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task<IResult> GetAsync(HttpContext context, string id)
    {
        var alert = await manager.GetAlertAsync(id, context.RequestAborted).ConfigureAwait(false);
        return alert is null ? AlertProblems.NotFound("alert", id) : await WriteAsync(context, writer => AlertJson.WriteAlert(writer, alert)).ConfigureAwait(false);
    }

    public Task<IResult> AcknowledgeAsync(HttpContext context, string id) =>
        TransitionAsync(context, id, (by, comment, cancellationToken) => manager.AcknowledgeAsync(id, by, comment, cancellationToken));

    public Task<IResult> ResolveAsync(HttpContext context, string id) =>
        TransitionAsync(context, id, (by, comment, cancellationToken) => manager.ResolveAsync(id, by, comment, cancellationToken));

    public async Task<IResult> ListSilencesAsync(HttpContext context)
    {
        var silences = await manager.GetSilencesAsync(context.RequestAborted).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        return await WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var silence in silences) AlertJson.WriteSilence(writer, silence, now);
            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task<IResult> CreateSilenceAsync(HttpContext context)
    {
        var (document, problem) = await AlertRequestBody.ReadAsync(context, maxBodyBytes).ConfigureAwait(false);
        if (problem is not null) return problem;
        using (document)
        {
            try
            {
                var request = SilenceReader.Read(document!.RootElement, timeProvider.GetUtcNow());
                var silence = await manager.CreateSilenceAsync(request.Matchers, request.StartsAt, request.EndsAt, UserOf(context), request.Comment, context.RequestAborted).ConfigureAwait(false);
                return await WriteAsync(context, writer => AlertJson.WriteSilence(writer, silence, timeProvider.GetUtcNow()), StatusCodes.Status201Created).ConfigureAwait(false);
            }
            catch (AlertValidationException e)
            {
                return AlertProblems.Invalid(e);
            }
        }
    }

    public async Task<IResult> ExpireSilenceAsync(HttpContext context, string id)
    {
        var silence = await manager.ExpireSilenceAsync(id, context.RequestAborted).ConfigureAwait(false);
        return silence is null
            ? AlertProblems.NotFound("silence", id)
            : await WriteAsync(context, writer => AlertJson.WriteSilence(writer, silence, timeProvider.GetUtcNow())).ConfigureAwait(false);
    }

    public async Task<IResult> StatisticsAsync(HttpContext context)
    {
        var statistics = await manager.GetStatisticsAsync(context.RequestAborted).ConfigureAwait(false);
        return await WriteAsync(context, writer => AlertJson.WriteStatistics(writer, statistics)).ConfigureAwait(false);
    }

    public async Task<IResult> EvaluateAsync(HttpContext context)
    {
        var evaluation = await manager.EvaluateAsync(context.RequestAborted).ConfigureAwait(false);
        return await WriteAsync(context, writer => AlertJson.WriteEvaluation(writer, evaluation)).ConfigureAwait(false);
    }

    public async Task<IResult> HistoryAsync(HttpContext context, string? limit, string? rule, string? alert)
    {
        if (!TryLimit(limit, 100, out var count, out var problem)) return problem;
        var entries = await manager.GetHistoryAsync(new AlertHistoryQuery(count, rule, alert), context.RequestAborted).ConfigureAwait(false);
        return await WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var entry in entries) AlertJson.WriteHistoryEntry(writer, entry);
            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    /// <summary>Who acts: the signed-in user's name, <c>anonymous</c> without one.</summary>
    public static string UserOf(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : "anonymous";

    public static async Task<IResult> WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.Headers.CacheControl = "no-store";
        await JsonResponses.WriteAsync(context, write, statusCode).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    public static bool TryLimit(string? text, int fallback, out int limit, out IResult problem)
    {
        problem = TypedResults.Empty;
        limit = fallback;
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit) return true;
        problem = AlertProblems.InvalidParameter("limit", $"limit must be a whole number from 1 to {MaxLimit.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        return false;
    }

    private async Task<IResult> TransitionAsync(HttpContext context, string id, Func<string, string?, CancellationToken, ValueTask<Alert?>> transition)
    {
        var (document, problem) = await AlertRequestBody.ReadAsync(context, maxBodyBytes, optional: true).ConfigureAwait(false);
        if (problem is not null) return problem;
        using (document)
        {
            try
            {
                var fields = JsonField.Object(document!.RootElement, string.Empty, ["comment"]);
                var comment = JsonField.OptionalString(fields, string.Empty, "comment");
                var alert = await transition(UserOf(context), comment, context.RequestAborted).ConfigureAwait(false);
                return alert is null ? AlertProblems.NotFound("alert", id) : await WriteAsync(context, writer => AlertJson.WriteAlert(writer, alert)).ConfigureAwait(false);
            }
            catch (AlertValidationException e)
            {
                return AlertProblems.Invalid(e);
            }
        }
    }

    private static bool TryParse<TEnum>(string parameter, string? text, out TEnum? value, out IResult problem)
        where TEnum : struct, Enum
    {
        problem = TypedResults.Empty;
        value = null;
        if (text is null) return true;
        if (AlertJsonNames.TryParse<TEnum>(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = AlertProblems.InvalidParameter(parameter, $"{parameter} must be one of {string.Join(", ", AlertJsonNames.All<TEnum>())}, not '{text}'.");
        return false;
    }
}
