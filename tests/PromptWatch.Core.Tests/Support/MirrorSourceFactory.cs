using System.Collections.Concurrent;
using PromptWatch.Repositories;

namespace PromptWatch.Tests.Support;

/// <summary>
/// A host's <see cref="IRepositorySourceFactory"/>: the one location it knows is read from a local mirror (without
/// fetching), any other is refused; it remembers what it was asked.
/// </summary>
/// <param name="location">The location it serves.</param>
/// <param name="mirror">The local repository that location is read from.</param>
public sealed class MirrorSourceFactory(string location, string mirror) : IRepositorySourceFactory
{
    private readonly ConcurrentQueue<RepositorySourceOptions> _requests = new();

    /// <summary>What the factory was asked, oldest first.</summary>
    public IReadOnlyList<RepositorySourceOptions> Requests => [.. _requests];

    /// <summary>Whether the first request fails, as a mirror that is not ready yet.</summary>
    public bool FailFirst { get; init; }

    /// <inheritdoc />
    public IRepositorySource Create(RepositorySourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _requests.Enqueue(options);
        if (FailFirst && _requests.Count == 1) throw new PromptWatchException("The mirror is not ready.");
        if (options.Location != location) throw new PromptWatchException($"No mirror of {options.Location}.");
        return RepositorySource.Create(new RepositorySourceOptions { Location = mirror, Branch = options.Branch, FetchLocal = false });
    }
}
