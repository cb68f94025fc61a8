using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>The problem details the alert routes answer: every invalid input names its field (<c>field</c>).</summary>
internal static class AlertProblems
{
    // The engine names durations by the model's properties; the API's JSON gives them in seconds.
    private static readonly Dictionary<string, string> JsonNames = new(StringComparer.Ordinal)
    {
        ["cooldown"] = "cooldown_seconds",
        ["auto_resolve_after"] = "auto_resolve_after_seconds",
        ["metric.window"] = "metric.window_seconds",
        ["metric.for"] = "metric.for_seconds",
    };

    /// <summary>
    /// The engine's refusal: the field as the JSON spells it, in <c>field</c> and in the detail; a conflict (409) when the
    /// alert's state does not allow the action, a 400 otherwise.
    /// </summary>
    public static IResult Invalid(AlertValidationException exception)
    {
        var field = JsonNames.GetValueOrDefault(exception.Field, exception.Field);
        var detail = exception.Message.Contains(field, StringComparison.Ordinal) ? exception.Message : $"'{field}': {exception.Message}";
        return Invalid(field, detail, field == "state" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    public static IResult Invalid(string field, string detail, int status = StatusCodes.Status400BadRequest) => TypedResults.Problem(
        statusCode: status,
        title: (status == StatusCodes.Status409Conflict ? "Conflicting " : "Invalid ") + field,
        detail: detail,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult InvalidParameter(string parameter, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid query parameter",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter, ["field"] = parameter });

    public static IResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} '{id}'.");

    public static IResult UnsupportedMediaType(string contentType) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Not JSON",
        detail: $"The body must be application/json, not {contentType}.",
        extensions: new Dictionary<string, object?> { ["field"] = "body" });

    public static IResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Body too large",
        detail: $"The body is larger than {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes.");
}
