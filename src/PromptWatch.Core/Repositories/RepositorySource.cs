namespace PromptWatch.Repositories;

/// <summary>Creates the <see cref="IRepositorySource"/> for a location.</summary>
public static class RepositorySource
{
    /// <summary>
    /// For a URL (<c>file://</c> URLs included), a bare clone in <see cref="RepositorySourceOptions.CacheDirectory"/>,
    /// fetched on every update, whose watched branch follows the remote (force-pushes included); for a path, the
    /// repository at or above it, used in place, its remotes fetched first when
    /// <see cref="RepositorySourceOptions.FetchLocal"/> is set (a failed fetch is a warning, not an error).
    /// </summary>
    /// <param name="options">The location and how to reach it.</param>
    /// <returns>The source.</returns>
    /// <exception cref="PromptWatchException">A path that is not a Git repository.</exception>
    public static IRepositorySource Create(RepositorySourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Location)) throw new PromptWatchException("No repository was given: name a path or a URL.");
        return RemoteLocation.IsUrl(options.Location) ? new RemoteRepositorySource(options) : new LocalRepositorySource(options);
    }
}
