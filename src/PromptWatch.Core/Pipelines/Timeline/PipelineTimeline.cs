using Microsoft.Extensions.Options;
using PromptWatch.Model;
using PromptWatch.Pipelines.Analytics;
using PromptWatch.Repositories;

namespace PromptWatch.Pipelines.Timeline;

/// <summary>
/// Ties the pipeline store to the prompt timeline (registered by <c>AddPipelines()</c>): the checks of a timeline
/// entry's commit, the commit live in each repository's environments, and which version of each use case that is.
/// Watched repositories are matched to pipeline repositories by <see cref="WatchedRepositoryMap"/>, as the rollback
/// detector matches them; which version a deployed commit carries is decided with Git ancestry.
/// </summary>
internal sealed class PipelineTimeline
{
    /// <summary>The most commits one question of checks may name.</summary>
    public const int MaxCommits = 100;

    /// <summary>The shortest abbreviated sha a question of checks may use.</summary>
    public const int MinShaLength = 7;

    private readonly IPipelineStore store;
    private readonly GitCommitAncestry git;
    private readonly TimeProvider time;
    private readonly PipelineEnvironments environments;
    private readonly int retentionDays;
    private readonly Lock gate = new();
    private (long TimelineVersion, string Deployed, IReadOnlyDictionary<UseCaseKey, DeployedVersion?> Versions)? last;
    // What was read from the store at its version: every page's checks and each api/usecases read the same until a change.
    private (long StoreVersion, ILookup<string, PipelineRun> Runs)? runsRead;
    private (long StoreVersion, string? Repository, IReadOnlyList<DeployedCommit> Deployed)? deployedRead;

    public PipelineTimeline(IPipelineStore store, IOptions<PipelineOptions> options, GitCommitAncestry git, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(git);
        this.store = store;
        this.git = git;
        time = timeProvider ?? TimeProvider.System;
        environments = new PipelineEnvironments(options.Value.Environments);
        retentionDays = options.Value.RetentionDays;
    }

    /// <summary>
    /// The checks of each commit of <paramref name="shas"/> (full, or abbreviated to at least <see cref="MinShaLength"/>), in that order. A commit on the timeline
    /// of <paramref name="timeline"/> takes the runs of the pipeline repositories its watched repositories match; another
    /// commit takes the runs of every repository.
    /// </summary>
    public async Task<IReadOnlyList<CommitChecks>> ChecksAsync(IReadOnlyList<string> shas, IReadOnlyList<TimelineEntry>? timeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shas);
        var cutoff = time.GetUtcNow().AddDays(-retentionDays);
        var runsByPrefix = await RunsByPrefixAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var watchedByPrefix = (timeline ?? []).ToLookup(static e => Prefix(e.Change.Commit.Sha), static e => (e.Change.Commit.Sha, e.Repository), StringComparer.OrdinalIgnoreCase);
        var result = new List<CommitChecks>(shas.Count);
        foreach (var sha in shas)
        {
            var watched = watchedByPrefix[Prefix(sha)]
                .Where(e => e.Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase))
                .Select(static e => e.Repository)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var atSha = runsByPrefix[Prefix(sha)].Where(r => r.CreatedAt >= cutoff && r.HeadSha.StartsWith(sha, StringComparison.OrdinalIgnoreCase)
                && (watched.Count == 0 || watched.Any(w => git.Map.Match(w, r.Repository) > 0)));
            result.Add(CommitChecks.Compute(sha, atSha));
        }

        return result;
    }

    /// <summary>Per repository and environment, the latest successful deployment (by creation time and id), by repository and environment.</summary>
    public async Task<IReadOnlyList<DeployedCommit>> DeployedAsync(string? repository, CancellationToken cancellationToken)
    {
        // The version is read first: what is read after it is at least as new, so it is never kept under a later version.
        var version = await store.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (version is { } v && deployedRead is { } read && read.StoreVersion == v && string.Equals(read.Repository, repository, StringComparison.Ordinal)) return read.Deployed;
        }

        var deployed = await ReadDeployedAsync(repository, cancellationToken).ConfigureAwait(false);
        if (version is { } known) lock (gate) deployedRead = (known, repository, deployed);
        return deployed;
    }

    /// <summary>The runs since <paramref name="cutoff"/> (or a little earlier, when kept from a read at the same store version) by the shortest sha asked for, so that each question looks at its few candidates only.</summary>
    private async ValueTask<ILookup<string, PipelineRun>> RunsByPrefixAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var version = await store.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (version is { } v && runsRead is { } read && read.StoreVersion == v) return read.Runs;
        }

        var runs = await store.GetRunsSinceAsync(cutoff, null, cancellationToken).ConfigureAwait(false);
        var byPrefix = runs.ToLookup(static r => Prefix(r.HeadSha), StringComparer.OrdinalIgnoreCase);
        if (version is { } known) lock (gate) runsRead = (known, byPrefix);
        return byPrefix;
    }

    private async Task<IReadOnlyList<DeployedCommit>> ReadDeployedAsync(string? repository, CancellationToken cancellationToken)
    {
        var deployments = await store.GetDeploymentsAsync(repository, null, null, cancellationToken).ConfigureAwait(false);
        var result = new List<DeployedCommit>();
        var live = deployments
            .Where(PipelineOutcome.IsDeployed)
            .GroupBy(static d => (d.Repository.ToUpperInvariant(), d.Environment.ToUpperInvariant()))
            .Select(static g => g.OrderByDescending(static d => d.CreatedAt).ThenByDescending(static d => d.Id).First())
            .OrderBy(static d => d.Repository, StringComparer.OrdinalIgnoreCase)
            .ThenBy(static d => d.Environment, StringComparer.OrdinalIgnoreCase);
        foreach (var deployment in live)
        {
            var at = await DeployedAtAsync(deployment, cancellationToken).ConfigureAwait(false);
            var run = deployment.RunId is { } runId ? await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) : null;
            result.Add(new DeployedCommit(deployment.Repository, deployment.Environment, deployment.Sha, at, deployment.Id, deployment.RunId, run?.HtmlUrl));
        }

        return result;
    }

    /// <summary>
    /// For every use case and environment of <paramref name="timeline"/> (version <paramref name="timelineVersion"/>), the version live there: the
    /// deployment of its watched repository's matching pipeline repository to the environment
    /// <see cref="PipelineEnvironments"/> names, and the newest entry of the use case whose commit is the deployed one or
    /// an ancestor of it; <see langword="null"/> when nothing is deployed there or the use case did not exist yet at
    /// the deployed commit. A use case and environment without a deployment is absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<UseCaseKey, DeployedVersion?>> VersionsAsync(long timelineVersion, IReadOnlyList<TimelineEntry> timeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var deployed = await DeployedAsync(null, cancellationToken).ConfigureAwait(false);
        var signature = string.Join('\n', deployed.Select(static d => $"{d.Repository}\t{d.Environment}\t{d.Sha}\t{d.DeploymentId}\t{d.RunId}\t{d.RunUrl}\t{d.DeployedAt:O}"));
        lock (gate)
        {
            if (last is { } cached && cached.TimelineVersion == timelineVersion && cached.Deployed == signature) return cached.Versions;
        }

        var versions = Versions(timeline, deployed, cancellationToken);
        // A deployed commit the repository does not have yet may come with a fetch that changes no entry: ask Git again.
        if (versions.Values.All(static v => v is null || v.VersionSha is not null))
        {
            lock (gate) last = (timelineVersion, signature, versions);
        }

        return versions;
    }

    private Dictionary<UseCaseKey, DeployedVersion?> Versions(IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<DeployedCommit> deployed, CancellationToken cancellationToken)
    {
        var result = new Dictionary<UseCaseKey, DeployedVersion?>();
        // The timeline is newest first, so each use case's list is too.
        var byPlace = new Dictionary<(string Repository, string Environment), Dictionary<string, List<string>>>();
        foreach (var entry in timeline)
        {
            if (entry.Change.UseCase is not { } useCase) continue;
            var place = (entry.Repository, entry.Change.Environment);
            if (!byPlace.TryGetValue(place, out var useCases)) byPlace[place] = useCases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (!useCases.TryGetValue(useCase, out var shas)) useCases[useCase] = shas = [];
            if (shas.Count == 0 || !string.Equals(shas[^1], entry.Change.Commit.Sha, StringComparison.Ordinal)) shas.Add(entry.Change.Commit.Sha);
        }

        foreach (var ((repository, environment), useCases) in byPlace)
        {
            var names = environments.For(environment);
            var candidates = deployed
                .Select(d => (Deployment: d, Rank: git.Map.Match(repository, d.Repository), Name: IndexOf(names, d.Environment)))
                .Where(static c => c.Rank > 0 && c.Name >= 0)
                .OrderByDescending(static c => c.Rank)
                .ThenBy(static c => c.Name)
                .ThenBy(static c => c.Deployment.Repository, StringComparer.OrdinalIgnoreCase)
                .Select(static c => c.Deployment)
                .ToList();
            if (candidates.Count == 0) continue;
            var keys = useCases.Keys.ToList();
            var lists = keys.Select(k => (IReadOnlyList<string>)useCases[k]).ToList();
            var chosen = candidates[0];
            IReadOnlyList<int>? found = null;
            foreach (var candidate in candidates)
            {
                if (git.FirstAtOrBefore(repository, candidate.Sha, lists, cancellationToken) is not { } answer) continue;
                (chosen, found) = (candidate, answer);
                break;
            }

            for (var i = 0; i < keys.Count; i++)
            {
                var key = new UseCaseKey(repository, environment, keys[i]);
                if (found is null) result[key] = new DeployedVersion(null, chosen);
                else result[key] = found[i] < 0 ? null : new DeployedVersion(lists[i][found[i]], chosen);
            }
        }

        return result;
    }

    private static string Prefix(string sha) => sha.Length <= MinShaLength ? sha : sha[..MinShaLength];

    private static int IndexOf(IReadOnlyList<string> names, string environment)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], environment, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return -1;
    }

    private async ValueTask<DateTimeOffset> DeployedAtAsync(PipelineDeployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.LatestState == DeploymentState.Success) return deployment.LatestStateAt ?? deployment.CreatedAt;
        // Inactive: replaced after it succeeded; it went live when its success status came.
        var statuses = await store.GetDeploymentStatusesAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
        return statuses.LastOrDefault(static s => s.State == DeploymentState.Success)?.CreatedAt ?? deployment.CreatedAt;
    }
}

/// <summary>A use case in an environment of a watched repository, as the timeline spells them.</summary>
/// <param name="Repository">The watched repository's name.</param>
/// <param name="Environment">The values file's environment.</param>
/// <param name="UseCase">The use case.</param>
internal readonly record struct UseCaseKey(string Repository, string Environment, string UseCase);
