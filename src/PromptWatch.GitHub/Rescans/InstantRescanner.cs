using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Webhooks.Events;
using PromptWatch.GitHub.Hosting;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.GitHub.Rescans;

/// <summary>
/// Rescans a watched repository at once when a push to its watched branch touches one of its watched files
/// (or does not list its files: GitHub leaves them out of very large pushes).
/// </summary>
internal sealed class InstantRescanner
{
    private const string BranchPrefix = "refs/heads/";
    private readonly PromptWatchMonitor _monitor;
    private readonly GitHubWebhookOptions _options;
    private readonly IReadOnlyList<Watched> _watched;
    private readonly WatchedRepositories _repositories;
    private readonly Dictionary<string, CoalescingRunner> _runners;
    private readonly GitHubMetrics _metrics;
    private readonly ILogger _logger;

    public InstantRescanner(PromptWatchMonitor monitor, WatchedRepositories repositories, IOptions<PromptWatchOptions> promptWatch, IOptions<GitHubWebhookOptions> options, GitHubMetrics metrics, ILogger<InstantRescanner> logger)
    {
        _monitor = monitor;
        _repositories = repositories;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        // The monitor lists repositories in configuration order, as the options do.
        _watched = [.. promptWatch.Value.Repositories.Zip(monitor.RepositoryNames, static (repository, name) => new Watched(
            name,
            repository.Branch,
            repository.Files.Count == 0 ? [.. WatchedFile.Defaults.Select(static f => new FileGlob(f.Path))] : [.. repository.Files.Keys.Select(static f => new FileGlob(WatchedFile.NormalizePath(f)))]))];
        _runners = _watched.Select(static w => w.Name).Distinct(StringComparer.Ordinal)
            .ToDictionary(static name => name, name => new CoalescingRunner(token => RescanAsync(name, token)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Starts the rescans <paramref name="push"/> calls for, without waiting for them. A repository being rescanned
    /// is rescanned once more afterwards, however many pushes arrive meanwhile.
    /// </summary>
    public void RescanFor(PushEvent push, CancellationToken cancellationToken)
    {
        if (!_options.InstantRescans) return;
        foreach (var name in Targets(push))
        {
            var started = _runners[name].Request(cancellationToken);
            GitHubLog.Rescan(_logger, push.Repository?.FullName ?? "?", name, started ? "now" : "after the rescan under way");
        }
    }

    /// <summary>The watched repositories a push calls to rescan.</summary>
    public IReadOnlyList<string> Targets(PushEvent push)
    {
        if (push.Deleted || push.Ref is null || !push.Ref.StartsWith(BranchPrefix, StringComparison.Ordinal) || push.Repository is not { } repository) return [];
        var branch = push.Ref[BranchPrefix.Length..];
        var same = _repositories.Of(repository);
        var statuses = _monitor.Current.Repositories;
        var targets = new List<string>();
        foreach (var watched in _watched)
        {
            if (!same.Contains(watched.Name, StringComparer.Ordinal)) continue;
            var watchedBranch = watched.Branch ?? statuses.FirstOrDefault(s => s.Name == watched.Name)?.Branch ?? repository.DefaultBranch;
            if (!string.Equals(watchedBranch, branch, StringComparison.Ordinal)) continue;
            if (TouchesWatchedFile(push, watched)) targets.Add(watched.Name);
        }

        return targets;
    }

    private static bool TouchesWatchedFile(PushEvent push, Watched watched)
    {
        var commits = push.Commits;
        // Without file lists (GitHub omits them from very large pushes) a rescan is the safe answer.
        if (commits is null || commits.Count == 0 || commits.Any(static c => c.Added is null || c.Modified is null || c.Removed is null)) return true;
        return commits.SelectMany(static c => c.Added!.Concat(c.Modified!).Concat(c.Removed!)).Any(path => watched.Files.Any(f => f.IsMatch(path)));
    }

    private async Task RescanAsync(string name, CancellationToken cancellationToken)
    {
        using var scope = PromptWatch.Diagnostics.OperationScope.Begin(_logger);
        _metrics.Rescans.Add(1);
        try
        {
            var result = await _monitor.RefreshAsync(name, cancellationToken).ConfigureAwait(false);
            if (result.Errors.TryGetValue(name, out var error)) GitHubLog.RescanFailed(_logger, name, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed rescan, whatever the cause, is logged; the next poll or push tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            GitHubLog.RescanFailed(_logger, name, e.GetType().Name);
        }
    }

    private sealed record Watched(string Name, string? Branch, IReadOnlyList<FileGlob> Files);
}
