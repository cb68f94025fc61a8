using LibGit2Sharp;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;

namespace PromptWatch.Repositories;

/// <summary>
/// <see cref="ICommitAncestry"/> from the watched Git repositories: the local repository (a path, or a URL's bare clone in
/// the cache folder) whose location ends in <c>owner/name</c> (or whose configured name is <c>owner/name</c>) answers for
/// that repository; with a single watched repository, it answers for every name. Each question opens the repository
/// read-only, so that the monitor's fetches are not held up; a commit it does not have yet is "unknown".
/// </summary>
internal sealed class GitCommitAncestry : ICommitAncestry
{
    private readonly Dictionary<string, string> paths;
    private readonly string? only;

    public GitCommitAncestry(IReadOnlyDictionary<string, string> paths)
    {
        this.paths = new Dictionary<string, string>(paths, StringComparer.OrdinalIgnoreCase);
        only = this.paths.Count == 1 ? this.paths.Values.First() : null;
    }

    /// <summary>The watched repositories of <paramref name="options"/>, by <c>owner/name</c>.</summary>
    public static GitCommitAncestry FromWatched(PromptWatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var watched in options.Repositories)
        {
            if (string.IsNullOrWhiteSpace(watched.Location)) continue;
            var path = RemoteLocation.IsUrl(watched.Location)
                ? new RemoteRepositorySource(new RepositorySourceOptions { Location = watched.Location, CacheDirectory = options.CacheDirectory }).ClonePath
                : watched.Location;
            paths.TryAdd(OwnerAndName(watched.Location), path);
            if (watched.Name is { Length: > 0 } name) paths.TryAdd(name, path);
        }

        return new GitCommitAncestry(paths);
    }

    public ValueTask<bool?> IsAncestorAsync(string repository, string ancestorSha, string descendantSha, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(ancestorSha);
        ArgumentNullException.ThrowIfNull(descendantSha);
        cancellationToken.ThrowIfCancellationRequested();
        var path = paths.GetValueOrDefault(repository) ?? (paths.Count == 1 ? only : null);
        if (path is null || !Directory.Exists(path) || Repository.Discover(path) is not { } gitDir) return ValueTask.FromResult<bool?>(null);
        try
        {
            using var git = new Repository(gitDir);
            if (git.Lookup<Commit>(ancestorSha) is not { } ancestor || git.Lookup<Commit>(descendantSha) is not { } descendant) return ValueTask.FromResult<bool?>(null);
            if (ancestor.Id == descendant.Id) return ValueTask.FromResult<bool?>(false);
            var mergeBase = git.ObjectDatabase.FindMergeBase(ancestor, descendant);
            return ValueTask.FromResult<bool?>(mergeBase is not null && mergeBase.Id == ancestor.Id);
        }
        catch (LibGit2SharpException)
        {
            return ValueTask.FromResult<bool?>(null);
        }
    }

    private static string OwnerAndName(string location)
    {
        var trimmed = location.TrimEnd('/', '\\');
        if (trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[..^4];
        var parts = trimmed.Split(['/', '\\', ':'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[^2] + "/" + parts[^1] : trimmed;
    }
}
