namespace PromptWatch.Repositories;

/// <summary>
/// Makes the <see cref="IRepositorySource"/> of each watched repository. <c>AddPromptWatch()</c> registers one that
/// calls <see cref="RepositorySource.Create"/> (a clone in the cache folder for a URL, the folder itself for a path)
/// unless the host registers its own, for example to read a mirror or a repository served some other way. The
/// monitor asks it when it first refreshes a repository, and again after a refresh failed (the old source is disposed).
/// </summary>
public interface IRepositorySourceFactory
{
    /// <summary>The source for one watched repository.</summary>
    /// <param name="options">Its location, branch, credentials and cache folder, from <c>PromptWatchOptions</c>.</param>
    /// <returns>A source the monitor owns and disposes.</returns>
    /// <exception cref="PromptWatchException">The repository cannot be opened; the message says why, without secrets.</exception>
    IRepositorySource Create(RepositorySourceOptions options);
}
