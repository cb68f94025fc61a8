using Microsoft.Extensions.Options;
using Octokit.Webhooks.Models;
using PromptWatch.Hosting;

namespace PromptWatch.GitHub.Rescans;

/// <summary>
/// Which watched repositories a delivery's GitHub repository is: by <see cref="GitHubWebhookOptions.RepositoryMap"/>, by
/// its clone, HTML, SSH or Git address equal to a watched location, or by a watched location ending in its full name.
/// One GitHub repository can be watched more than once (one entry per branch, say): each of them is named.
/// </summary>
internal sealed class WatchedRepositories
{
    private readonly IReadOnlyList<(string Name, string? Location)> _watched;
    private readonly IDictionary<string, string> _map;

    public WatchedRepositories(PromptWatchMonitor monitor, IOptions<PromptWatchOptions> promptWatch, IOptions<GitHubWebhookOptions> options)
    {
        // The monitor lists repositories in configuration order, as the options do.
        _watched = [.. promptWatch.Value.Repositories.Zip(monitor.RepositoryNames, static (repository, name) => (name, RepositoryLocation.Normalize(repository.Location)))];
        _map = options.Value.RepositoryMap;
        Names = [.. _watched.Select(static w => w.Name).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The names of the watched repositories, in configuration order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The watched repositories <paramref name="repository"/> is, in configuration order; none for another repository or none at all.</summary>
    public IReadOnlyList<string> Of(Repository? repository)
    {
        if (repository is null) return [];
        var locations = new[] { repository.CloneUrl, repository.HtmlUrl, repository.SshUrl, repository.GitUrl }
            .Select(RepositoryLocation.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var mapped = repository.FullName is { } fullName && _map.TryGetValue(fullName, out var name) ? name : null;
        var suffix = repository.FullName is { } full ? "/" + full.ToLowerInvariant() : null;
        var names = new List<string>();
        foreach (var (watchedName, location) in _watched)
        {
            var same = string.Equals(mapped, watchedName, StringComparison.OrdinalIgnoreCase)
                || (location is not null && (locations.Contains(location) || (suffix is not null && location.EndsWith(suffix, StringComparison.Ordinal))));
            if (same && !names.Contains(watchedName, StringComparer.Ordinal)) names.Add(watchedName);
        }

        return names;
    }
}
