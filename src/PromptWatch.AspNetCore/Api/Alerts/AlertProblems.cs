using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>The problem details the alert routes answer: every invalid input names its field (<c>field</c>).</summary>
internal static class AlertProblems
{
    public static IResult Invalid(AlertValidationException exception) =>
        Invalid(exception.Field, exception.Message, exception.Field == "state" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);

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

    public static IResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Body too large",
        detail: $"The body is larger than {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes.");
}
