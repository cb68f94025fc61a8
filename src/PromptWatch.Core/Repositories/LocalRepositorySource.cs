using LibGit2Sharp;

namespace PromptWatch.Repositories;

/// <summary>A repository on this machine, used in place. Its remotes are fetched when <see cref="RepositorySourceOptions.FetchLocal"/> is set; a failed fetch is a warning, not an error.</summary>
internal sealed class LocalRepositorySource : IRepositorySource
{
    private readonly Repository _repository;
    private readonly RepositorySourceOptions _options;

    /// <summary>Opens the repository at (or above) <see cref="RepositorySourceOptions.Location"/>.</summary>
    /// <param name="options">Where the repository is.</param>
    /// <exception cref="PromptWatchException">The path is not inside a Git repository.</exception>
    public LocalRepositorySource(RepositorySourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        DisplayName = options.Location;
        var root = Directory.Exists(options.Location) ? Scanning.Native.Libgit2.Discover(options.Location) : null;
        if (root is null)
        {
            throw new PromptWatchException(Directory.Exists(options.Location)
                ? $"'{options.Location}' is not a Git repository."
                : $"'{options.Location}' does not exist.");
        }

        _repository = new Repository(root);
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    public Task<RepositoryUpdate> UpdateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // An open repository whose folder was removed would still answer from libgit2's caches.
        if (!Directory.Exists(_repository.Info.Path)) throw new PromptWatchException($"'{DisplayName}' no longer exists.");
        string? warning = null;
        var fetched = false;
        if (_options.FetchLocal && _repository.Network.Remotes.Any())
        {
            foreach (var remote in _repository.Network.Remotes)
            {
                try
                {
                    var refSpecs = remote.FetchRefSpecs.Select(static r => r.Specification);
                    Commands.Fetch(_repository, remote.Name, refSpecs, RemoteRepositorySource.FetchOptionsFor(_options.Credentials, cancellationToken), null);
                    fetched = true;
                }
                catch (LibGit2SharpException e)
                {
                    warning = GitFailures.Describe("fetch remote '" + remote.Name + "' of", DisplayName, e, _options.Credentials).Message;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new RepositoryUpdate(_repository, ResolveBranch(), fetched, warning));
    }

    private string ResolveBranch()
    {
        if (!string.IsNullOrWhiteSpace(_options.Branch)) return BranchNames.Resolve(_repository, _options.Branch, DisplayName);
        if (_repository.Info.IsHeadDetached) return _repository.Head.Tip?.Sha ?? throw new PromptWatchException($"{DisplayName} has no commits.");
        if (_repository.Head.Tip is null) throw new PromptWatchException($"{DisplayName} has no commits on {_repository.Head.FriendlyName}.");
        return _repository.Head.FriendlyName;
    }

    /// <inheritdoc />
    public void Dispose() => _repository.Dispose();
}
