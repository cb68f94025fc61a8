using LibGit2Sharp;
using PromptWatch.Hosting;
using PromptWatch.Pipelines;

namespace PromptWatch.Repositories;

/// <summary>
/// <see cref="ICommitAncestry"/> from the watched Git repositories: the local repository (a path, or a URL's bare clone in
/// the cache folder) that <see cref="WatchedRepositoryMap"/> finds for <c>owner/name</c> answers for that repository.
/// Each question opens the repository read-only, so that the monitor's fetches are not held up; a commit it does not
/// have yet is "unknown".
/// </summary>
internal sealed class GitCommitAncestry : ICommitAncestry
{
    public GitCommitAncestry(WatchedRepositoryMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Map = map;
    }

    /// <summary>One watched repository per entry: its name (also the pipeline repository it answers for) and its path.</summary>
    public GitCommitAncestry(IReadOnlyDictionary<string, string> paths)
        : this(new WatchedRepositoryMap(paths.Select(static p => new WatchedGitRepository(p.Key, p.Value, [p.Key]))))
    {
    }

    /// <summary>How pipeline repositories are matched to watched ones.</summary>
    public WatchedRepositoryMap Map { get; }

    /// <summary>The watched repositories of <paramref name="options"/>, by <c>owner/name</c>.</summary>
    public static GitCommitAncestry FromWatched(PromptWatchOptions options) => new(WatchedRepositoryMap.FromOptions(options));

    public ValueTask<bool?> IsAncestorAsync(string repository, string ancestorSha, string descendantSha, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(ancestorSha);
        ArgumentNullException.ThrowIfNull(descendantSha);
        cancellationToken.ThrowIfCancellationRequested();
        if (Open(Map.Find(repository)?.Path) is not { } git) return ValueTask.FromResult<bool?>(null);
        try
        {
            using (git)
            {
                if (git.Lookup<Commit>(ancestorSha) is not { } ancestor || git.Lookup<Commit>(descendantSha) is not { } descendant) return ValueTask.FromResult<bool?>(null);
                if (ancestor.Id == descendant.Id) return ValueTask.FromResult<bool?>(false);
                return ValueTask.FromResult<bool?>(IsAncestor(git, ancestor, descendant));
            }
        }
        catch (LibGit2SharpException)
        {
            return ValueTask.FromResult<bool?>(null);
        }
    }

    /// <summary>
    /// For each list of commits (newest first), the index of the first that is <paramref name="sha"/> or one of its
    /// ancestors, -1 for none; <see langword="null"/> when the watched repository or <paramref name="sha"/> is unknown
    /// here. Decided in one opening of the repository, each commit once.
    /// </summary>
    /// <param name="watchedName">The watched repository, by its name on the timeline.</param>
    /// <param name="sha">The commit, for example a deployed one.</param>
    /// <param name="lists">The candidate commits, each list newest first.</param>
    /// <param name="cancellationToken">Cancels between commits.</param>
    public IReadOnlyList<int>? FirstAtOrBefore(string watchedName, string sha, IReadOnlyList<IReadOnlyList<string>> lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchedName);
        ArgumentNullException.ThrowIfNull(sha);
        ArgumentNullException.ThrowIfNull(lists);
        if (Open(Map.Named(watchedName)?.Path) is not { } git) return null;
        try
        {
            using (git)
            {
                if (git.Lookup<Commit>(sha) is not { } descendant) return null;
                var decided = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
                var result = new int[lists.Count];
                for (var i = 0; i < lists.Count; i++)
                {
                    result[i] = -1;
                    for (var k = 0; k < lists[i].Count; k++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var candidate = lists[i][k];
                        if (!decided.TryGetValue(candidate, out var atOrBefore))
                        {
                            atOrBefore = git.Lookup<Commit>(candidate) is { } commit && (commit.Id == descendant.Id || IsAncestor(git, commit, descendant));
                            decided[candidate] = atOrBefore;
                        }

                        if (!atOrBefore) continue;
                        result[i] = k;
                        break;
                    }
                }

                return result;
            }
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    private static bool IsAncestor(Repository git, Commit ancestor, Commit descendant) =>
        git.ObjectDatabase.FindMergeBase(ancestor, descendant) is { } mergeBase && mergeBase.Id == ancestor.Id;

    private static Repository? Open(string? path)
    {
        if (path is null || !Directory.Exists(path)) return null;
        try
        {
            return Repository.Discover(path) is { } gitDir ? new Repository(gitDir) : null;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }
}
