namespace PromptWatch.Repositories;

/// <summary>Creates the <see cref="IRepositorySource"/> for a location.</summary>
public static class RepositorySource
{
    /// <summary>
    /// A <see cref="RemoteRepositorySource"/> for a URL (<c>file://</c> URLs included), otherwise a
    /// <see cref="LocalRepositorySource"/> for a path.
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
