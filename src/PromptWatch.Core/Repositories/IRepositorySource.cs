using LibGit2Sharp;

namespace PromptWatch.Repositories;

/// <summary>
/// A watched repository: gives a local LibGit2Sharp <see cref="Repository"/> for it and brings that
/// repository up to date. One caller at a time; the source owns the repository it returns.
/// </summary>
public interface IRepositorySource : IDisposable
{
    /// <summary>A name for logs, API responses and messages: a path, or a URL without credentials.</summary>
    string DisplayName { get; }

    /// <summary>Fetches where the source has a remote, and returns the repository and the branch to scan.</summary>
    /// <param name="cancellationToken">Stops the update.</param>
    /// <returns>The up-to-date repository.</returns>
    /// <exception cref="PromptWatchException">The repository cannot be opened, cloned or fetched; the message says why, without secrets.</exception>
    Task<RepositoryUpdate> UpdateAsync(CancellationToken cancellationToken);
}

/// <summary>The result of <see cref="IRepositorySource.UpdateAsync"/>.</summary>
/// <param name="Repository">The local repository, owned by the source: do not dispose it.</param>
/// <param name="Branch">The branch (or revision) to scan in it.</param>
/// <param name="Fetched">Whether a fetch ran and succeeded.</param>
/// <param name="FetchWarning">Why a fetch of a local repository's remote failed, when it did (the local state is still scanned).</param>
public sealed record RepositoryUpdate(Repository Repository, string Branch, bool Fetched, string? FetchWarning);
