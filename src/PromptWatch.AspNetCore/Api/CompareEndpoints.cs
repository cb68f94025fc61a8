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
        if (UseCaseRepository.Find(snapshot, usecase, repository, out var problem) is not var (status, name)) return problem!;

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

    private static ProblemHttpResult Problem(int status, string title, string detail, IEnumerable<string>? candidates = null) => UseCaseRepository.Problem(status, title, detail, candidates);
}
