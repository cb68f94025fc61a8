using PromptWatch.Hosting;

namespace PromptWatch.Repositories;

/// <summary>
/// Which watched Git repository stands for a pipeline repository (<c>owner/name</c>): the one whose location ends in
/// <c>owner/name</c> or whose configured name is <c>owner/name</c>; with a single watched repository, that one for every
/// name. The rollback detector's ancestry and the pipeline marks on the timeline both decide it here.
/// </summary>
internal sealed class WatchedRepositoryMap
{
    private readonly IReadOnlyList<WatchedGitRepository> watched;

    public WatchedRepositoryMap(IEnumerable<WatchedGitRepository> watched)
    {
        ArgumentNullException.ThrowIfNull(watched);
        this.watched = [.. watched];
    }

    /// <summary>Every watched repository, in configuration order.</summary>
    public IReadOnlyList<WatchedGitRepository> Watched => watched;

    /// <summary>The watched repositories of <paramref name="options"/>: a path as is, a URL's bare clone in the cache folder.</summary>
    public static WatchedRepositoryMap FromOptions(PromptWatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<WatchedGitRepository>();
        foreach (var repository in options.Repositories)
        {
            if (string.IsNullOrWhiteSpace(repository.Location)) continue;
            var path = RemoteLocation.IsUrl(repository.Location)
                ? new RemoteRepositorySource(new RepositorySourceOptions { Location = repository.Location, CacheDirectory = options.CacheDirectory }).ClonePath
                : repository.Location;
            string[] keys = repository.Name is { Length: > 0 } name ? [OwnerAndName(repository.Location), name] : [OwnerAndName(repository.Location)];
            list.Add(new WatchedGitRepository(repository.EffectiveName, path, keys));
        }

        return new WatchedRepositoryMap(list);
    }

    /// <summary>The watched repository that answers for <paramref name="pipelineRepository"/> (the first of several), or <see langword="null"/>.</summary>
    public WatchedGitRepository? Find(string pipelineRepository) =>
        watched.FirstOrDefault(w => w.Keys.Contains(pipelineRepository, StringComparer.OrdinalIgnoreCase)) ?? (watched.Count == 1 ? watched[0] : null);

    /// <summary>
    /// How well <paramref name="pipelineRepository"/> matches the watched repository named <paramref name="watchedName"/>:
    /// 2 by its location or configured name, 1 as the only watched repository, 0 not at all.
    /// </summary>
    public int Match(string watchedName, string pipelineRepository)
    {
        var repository = Named(watchedName);
        if (repository is null) return 0;
        if (repository.Keys.Contains(pipelineRepository, StringComparer.OrdinalIgnoreCase)) return 2;
        return watched.Count == 1 ? 1 : 0;
    }

    /// <summary>The watched repository with this name (as the timeline spells it), or <see langword="null"/>.</summary>
    public WatchedGitRepository? Named(string watchedName) => watched.FirstOrDefault(w => string.Equals(w.Name, watchedName, StringComparison.Ordinal));

    /// <summary><c>owner/name</c> from a location's last two segments (<c>.git</c> dropped).</summary>
    public static string OwnerAndName(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var trimmed = location.TrimEnd('/', '\\');
        if (trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[..^4];
        var parts = trimmed.Split(['/', '\\', ':'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[^2] + "/" + parts[^1] : trimmed;
    }
}

/// <summary>One watched repository as the pipeline monitor sees it.</summary>
/// <param name="Name">Its name on the timeline.</param>
/// <param name="Path">Its local Git repository (a path, or a URL's clone).</param>
/// <param name="Keys">The pipeline repository names (<c>owner/name</c>) it answers for.</param>
internal sealed record WatchedGitRepository(string Name, string Path, IReadOnlyList<string> Keys);
