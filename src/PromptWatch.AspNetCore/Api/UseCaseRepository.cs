using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// The watched repository a use case of a request is in: the one <c>repository=</c> names, else the only one that has
/// the use case (several: a 409 listing them). The use case's name comes back as the timeline spells it.
/// </summary>
internal static class UseCaseRepository
{
    public static (RepositoryStatus Status, string UseCase)? Find(PromptWatchSnapshot snapshot, string useCase, string? repository, out ProblemHttpResult? problem)
    {
        problem = null;
        RepositoryStatus? status;
        if (repository is not null)
        {
            status = snapshot.Repositories.FirstOrDefault(r => string.Equals(r.Name, repository, StringComparison.OrdinalIgnoreCase));
            if (status is null)
            {
                problem = Problem(StatusCodes.Status404NotFound, "No such repository", $"'{repository}' is not a watched repository. Watched: {string.Join(", ", snapshot.Repositories.Select(static r => r.Name))}.");
                return null;
            }
        }
        else
        {
            var withUseCase = snapshot.Repositories
                .Where(r => snapshot.Timeline.Any(e => e.Repository == r.Name && string.Equals(e.Change.UseCase, useCase, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (withUseCase.Count > 1)
            {
                problem = Problem(StatusCodes.Status409Conflict, "Which repository?", $"Several repositories have {useCase}: {string.Join(", ", withUseCase.Select(static r => r.Name))}; name one with repository=.", withUseCase.Select(static r => r.Name));
                return null;
            }

            status = withUseCase.FirstOrDefault();
        }

        var name = status is null ? null : snapshot.Timeline.FirstOrDefault(e => e.Repository == status.Name && string.Equals(e.Change.UseCase, useCase, StringComparison.OrdinalIgnoreCase))?.Change.UseCase;
        if (status is null || name is null)
        {
            problem = Problem(StatusCodes.Status404NotFound, "No such use case", $"No watched repository has a use case '{useCase}'.");
            return null;
        }

        return (status, name);
    }

    public static ProblemHttpResult Problem(int status, string title, string detail, IEnumerable<string>? candidates = null) => TypedResults.Problem(
        statusCode: status,
        title: title,
        detail: detail,
        extensions: candidates is null ? null : new Dictionary<string, object?> { ["candidates"] = candidates.ToArray() });
}
