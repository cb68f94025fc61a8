using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PromptWatch.Hosting;
using PromptWatch.Lifecycle;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The handler of <c>api/compare</c>: two versions of a use case, field by field, with the prompt's diff.</summary>
internal static class CompareEndpoints
{
    public static async Task<IResult> GetComparisonAsync(HttpContext context, PromptWatchMonitor monitor, string? usecase, string? from, string? to, string? repository)
    {
        if (string.IsNullOrWhiteSpace(usecase) || string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            var missing = new[] { ("usecase", usecase), ("from", from), ("to", to) }.Where(static p => string.IsNullOrWhiteSpace(p.Item2)).Select(static p => p.Item1);
            return Problem(StatusCodes.Status400BadRequest, "Missing query parameter", $"api/compare needs usecase, from and to; missing: {string.Join(", ", missing)}.");
        }

        var snapshot = monitor.Current;
        var withUseCase = snapshot.Repositories
            .Where(r => snapshot.Timeline.Any(e => e.Repository == r.Name && string.Equals(e.Change.UseCase, usecase, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        RepositoryStatus? status;
        if (repository is not null)
        {
            status = snapshot.Repositories.FirstOrDefault(r => string.Equals(r.Name, repository, StringComparison.OrdinalIgnoreCase));
            if (status is null) return Problem(StatusCodes.Status404NotFound, "No such repository", $"'{repository}' is not a watched repository. Watched: {string.Join(", ", snapshot.Repositories.Select(static r => r.Name))}.");
        }
        else if (withUseCase.Count > 1)
        {
            return Problem(StatusCodes.Status409Conflict, "Which repository?", $"Several repositories have {usecase}: {string.Join(", ", withUseCase.Select(static r => r.Name))}; name one with repository=.", withUseCase.Select(static r => r.Name));
        }
        else
        {
            status = withUseCase.FirstOrDefault();
        }

        // The use case's name as the timeline spells it.
        var name = status is null ? null : snapshot.Timeline.FirstOrDefault(e => e.Repository == status.Name && string.Equals(e.Change.UseCase, usecase, StringComparison.OrdinalIgnoreCase))?.Change.UseCase;
        if (status is null || name is null) return Problem(StatusCodes.Status404NotFound, "No such use case", $"No watched repository has a use case '{usecase}'.");

        var environments = RepositoryEnvironments.Of(status);
        var fromLookup = VersionComparison.Resolve(status.Name, snapshot.Timeline, name, environments, from);
        if (fromLookup.Version is null) return Failed(fromLookup);
        var toLookup = VersionComparison.Resolve(status.Name, snapshot.Timeline, name, environments, to);
        if (toLookup.Version is null) return Failed(toLookup);
        var difference = VersionComparison.Compare(fromLookup.Version, toLookup.Version);

        context.Response.Headers.CacheControl = "no-cache";
        await JsonResponses.WriteAsync(context, writer => ComparisonJson.Write(writer, status.Name, name, fromLookup.Version, toLookup.Version, difference)).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult Failed(VersionLookup lookup) => lookup.Ambiguous
        ? Problem(StatusCodes.Status409Conflict, "Ambiguous version", lookup.Problem!, lookup.Candidates)
        : Problem(StatusCodes.Status404NotFound, "No such version", lookup.Problem!);

    private static ProblemHttpResult Problem(int status, string title, string detail, IEnumerable<string>? candidates = null) => TypedResults.Problem(
        statusCode: status,
        title: title,
        detail: detail,
        extensions: candidates is null ? null : new Dictionary<string, object?> { ["candidates"] = candidates.ToArray() });
}
