using Microsoft.AspNetCore.Http;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// The query parameters a route accepts: endpoint metadata that both refuses any other parameter (a 400 problem naming
/// it) and describes them in the API document, so the two cannot drift apart.
/// </summary>
internal sealed class AcceptedQuery(IReadOnlyList<QueryParameter> parameters) : IEndpointFilter
{
    public IReadOnlyList<QueryParameter> Parameters { get; } = parameters;

    public static AcceptedQuery Changes { get; } = new(
    [
        new("env", "string", "Only changes in this environment (exact, case-insensitive)."),
        new("usecase", "string", "Only changes of this use case (exact, case-insensitive)."),
        new("model", "string", "Only changes whose (current) model is this one (exact, case-insensitive)."),
        new("author", "string", "Only changes committed by this author: name or e-mail address (exact, case-insensitive)."),
        new("status", "string", "Only enabled or only disabled use cases; 'all' (the default) for both.", ["enabled", "disabled", "all"]),
        new("q", "string", "Text searched (case-insensitive) in the model, the author's name and e-mail, the use case, the prompt, the commit message and the commit sha."),
        new("repository", "string", "Only changes of this watched repository (its name, case-insensitive)."),
        new("limit", "integer", "The page size: with limit or cursor the answer is a page {items, next_cursor, total} instead of an array."),
        new("cursor", "string", "The next_cursor of the previous page."),
    ]);

    public static AcceptedQuery Refresh { get; } = new([new("repository", "string", "Refresh only this watched repository (its name); all of them without it.")]);

    public static AcceptedQuery Drift { get; } = new(
    [
        new("repository", "string", "Only this watched repository (its name, case-insensitive); every repository with two environments without it."),
        new("pair", "string", "The two environments to compare, as in pair=test,prod; the first two of each repository's watched files without it."),
    ]);

    public static AcceptedQuery Compare { get; } = new(
    [
        new("usecase", "string", "The use case (case-insensitive)."),
        new("from", "string", "The first version: an environment (its current version), env@date (yyyy-MM-dd: as of the end of that day, UTC; or a date and time), a commit that changed the use case (full or 7+ characters) or env@commit."),
        new("to", "string", "The second version, in the same forms as from."),
        new("repository", "string", "The watched repository (its name); needed only when several have the use case."),
    ]);

    public static AcceptedQuery UseCaseHistory { get; } = new([new("repository", "string", "The watched repository (its name); needed only when several have the use case.")]);

    public static AcceptedQuery Report { get; } = new([new("key", "string", "The report's object key, when a commit has several reports for the use case.")]);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var name in context.HttpContext.Request.Query.Keys)
        {
            if (Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) continue;
            var known = string.Join(", ", Parameters.Select(static p => p.Name));
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown query parameter",
                detail: $"'{name}' is not a query parameter of this route. It accepts: {known}.",
                extensions: new Dictionary<string, object?> { ["parameter"] = name, ["known_parameters"] = Parameters.Select(static p => p.Name).ToArray() }));
        }

        return next(context);
    }
}
