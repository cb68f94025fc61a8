using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>The problem details of the pipeline routes: a bad parameter names it; a provider's refusal says what it refused.</summary>
internal static class PipelineProblems
{
    public static IResult InvalidParameter(string parameter, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid query parameter",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter, ["field"] = parameter });

    public static IResult NotFound(string what, long id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"No such {what}",
        detail: string.Create(CultureInfo.InvariantCulture, $"There is no {what} {id}."));

    /// <summary>
    /// The build is stored but no provider serves its repository (none registered, as with demo data, or another host
    /// filled the store): 409, since the build exists and only the action on the CI system is impossible.
    /// </summary>
    public static IResult NoProvider(string repository) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "No pipeline provider",
        detail: $"No pipeline provider serves the repository '{repository}': logs, rerun and cancel need its CI system, and this host has none for it.",
        extensions: new Dictionary<string, object?> { ["repository"] = repository });

    public static IResult TooManyConnections(int limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Too many live connections",
        detail: string.Create(CultureInfo.InvariantCulture, $"At most {limit} live connections are served at once; try again later."));

    /// <summary>Forbidden 403, not found 404, invalid 422, rate-limited 503 with Retry-After, the host's credentials refused or the provider unreachable 502.</summary>
    public static IResult Provider(HttpContext context, PipelineProviderException exception)
    {
        var (status, title) = exception.Failure switch
        {
            PipelineProviderFailure.Forbidden => (StatusCodes.Status403Forbidden, "The provider refused the action"),
            PipelineProviderFailure.NotFound => (StatusCodes.Status404NotFound, "The provider does not know it"),
            PipelineProviderFailure.Invalid => (StatusCodes.Status422UnprocessableEntity, "The provider refused the request"),
            PipelineProviderFailure.RateLimited => (StatusCodes.Status503ServiceUnavailable, "The provider's rate limit is exhausted"),
            PipelineProviderFailure.Unauthorized => (StatusCodes.Status502BadGateway, "The provider refused the host's credentials"),
            _ => (StatusCodes.Status502BadGateway, "The provider is unreachable"),
        };
        if (exception.Failure == PipelineProviderFailure.RateLimited && exception.RetryAfter is { } retry)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: exception.Message, extensions: new Dictionary<string, object?> { ["failure"] = exception.Failure.ToString() });
    }
}
