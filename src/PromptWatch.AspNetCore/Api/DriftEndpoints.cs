using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Lifecycle;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The handler of <c>api/drift</c>: what differs between two environments now, per watched repository.</summary>
internal static class DriftEndpoints
{
    public static async Task<IResult> GetDriftAsync(HttpContext context, PromptWatchMonitor monitor, string? repository, string? pair)
    {
        var snapshot = monitor.Current;
        var repositories = snapshot.Repositories.ToList();
        if (repository is not null)
        {
            repositories = [.. repositories.Where(r => string.Equals(r.Name, repository, StringComparison.OrdinalIgnoreCase))];
            if (repositories.Count == 0)
            {
                return Problem(StatusCodes.Status404NotFound, "No such repository", $"'{repository}' is not a watched repository. Watched: {string.Join(", ", snapshot.Repositories.Select(static r => r.Name))}.");
            }
        }

        string[]? asked = null;
        if (pair is not null)
        {
            asked = pair.Split(',', StringSplitOptions.TrimEntries);
            if (asked.Length != 2 || asked.Any(static e => e.Length == 0) || string.Equals(asked[0], asked[1], StringComparison.OrdinalIgnoreCase))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid pair", $"pair must name two different environments, as in pair=test,prod; not '{pair}'.");
            }
        }

        var reports = new List<(DriftReport Report, IReadOnlyList<string> Environments)>();
        foreach (var status in repositories)
        {
            var environments = RepositoryEnvironments.Of(status);
            if (asked is null)
            {
                // A repository with a single environment has nothing to compare.
                if (environments.Count < 2) continue;
                reports.Add((DriftAnalysis.Compute(status.Name, snapshot.Timeline, environments[0], environments[1]), environments));
                continue;
            }

            var left = environments.FirstOrDefault(e => string.Equals(e, asked[0], StringComparison.OrdinalIgnoreCase));
            var right = environments.FirstOrDefault(e => string.Equals(e, asked[1], StringComparison.OrdinalIgnoreCase));
            if (left is null || right is null)
            {
                if (repository is null) continue;
                var missing = left is null ? asked[0] : asked[1];
                return Problem(StatusCodes.Status404NotFound, "No such environment", $"'{missing}' is not an environment of {status.Name}. Its environments: {string.Join(", ", environments)}.");
            }

            reports.Add((DriftAnalysis.Compute(status.Name, snapshot.Timeline, left, right), environments));
        }

        if (asked is not null && reports.Count == 0 && repositories.Count > 0)
        {
            return Problem(StatusCodes.Status404NotFound, "No such environment", $"No watched repository has both '{asked[0]}' and '{asked[1]}'.");
        }

        context.Response.Headers.CacheControl = "no-cache";
        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("repositories");
            foreach (var (report, environments) in reports) DriftJson.Write(writer, report, environments);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
