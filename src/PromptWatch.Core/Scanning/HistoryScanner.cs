using System.Collections.Immutable;
using System.Diagnostics;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PromptWatch.Diagnostics;
using PromptWatch.Model;
using PromptWatch.Parsing;
using PromptWatch.Scanning.Native;

namespace PromptWatch.Scanning;

/// <summary>
/// Reads the history of watched configuration files on a branch and turns it into change entries.
/// </summary>
/// <remarks>
/// <para>
/// For each watched file the scanner goes through the commits <c>git log --follow -- &lt;file&gt;</c>
/// lists, oldest first, reading the file at the path it had in each commit (renames and copies are
/// followed). A use case gets an entry whenever its state differs from its last known state.
/// </para>
/// <para>
/// Only blobs whose id changed are read, each distinct blob is parsed once per scan, and a scan given
/// the previous result walks only the new commits; it falls back to a full scan after a force-push, or
/// when appending would not give what a full scan gives. Instances are thread-safe; one
/// <see cref="Repository"/> must not be scanned by two threads at once (LibGit2Sharp objects are not).
/// </para>
/// </remarks>
public sealed partial class HistoryScanner
{
    private readonly HistoryScannerOptions _options;
    private readonly ConfigParserSelector _parsers;
    private readonly ILogger _logger;
    private readonly PromptWatchMetrics? _metrics;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a scanner.</summary>
    /// <param name="options">Limits; defaults when <see langword="null"/>.</param>
    /// <param name="parsers">Parsers by file glob; Helm values for every file when <see langword="null"/>.</param>
    /// <param name="logger">Where to log; nowhere when <see langword="null"/>.</param>
    /// <param name="metrics">Where to count; nowhere when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for durations; the system clock when <see langword="null"/>.</param>
    public HistoryScanner(
        HistoryScannerOptions? options = null,
        ConfigParserSelector? parsers = null,
        ILogger<HistoryScanner>? logger = null,
        PromptWatchMetrics? metrics = null,
        TimeProvider? timeProvider = null)
    {
        _options = options ?? new HistoryScannerOptions();
        _parsers = parsers ?? ConfigParserSelector.CreateDefault();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _metrics = metrics;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Whether a full scan spreads its work over threads (the default): one orders the commits, the calling thread
    /// compares their trees, and one reads and parses the versions found, each through a libgit2 handle of its own.
    /// <see langword="false"/> does it all on the calling thread, walking first and reading after. The entries are the same either way.
    /// </summary>
    internal bool ReadsInParallel { get; init; } = true;

    /// <summary>
    /// Whether the scan reads commits, trees and blobs from the repository's packs itself (the default; <see cref="Native.PackReader"/>),
    /// leaving to libgit2 only what the packs do not hold. <see langword="false"/> reads everything through libgit2. The entries are the same either way.
    /// </summary>
    internal bool ReadsPacks { get; init; } = true;

    /// <summary>Scans <paramref name="target"/> in <paramref name="repository"/>.</summary>
    /// <param name="repository">An open repository.</param>
    /// <param name="target">The branch and watched files.</param>
    /// <param name="previous">The previous result for the same target, to scan incrementally; <see langword="null"/> for a full scan.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The result; <paramref name="previous"/> itself when the branch has not moved.</returns>
    /// <exception cref="PromptWatchException">The branch does not exist or has no commits.</exception>
    public HistoryScan Scan(Repository repository, ScanTarget target, HistoryScan? previous = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Files.Count == 0) throw new ArgumentException("At least one watched file is needed.", nameof(target));

        using var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.scan");
        activity?.SetTag("promptwatch.branch", target.Branch);
        var started = _timeProvider.GetTimestamp();
        try
        {
            var tip = ResolveTip(repository, target.Branch);
            if (previous is not null && !SameFiles(previous.Target, target)) previous = null;
            if (previous is not null && previous.TipSha == tip.Sha) return previous;

            using var native = NativeRepository.Open(repository, ReadsPacks);
            VersionReader? reader = null;
            CommitFeed? feed = null;
            try
            {
                var (walk, reason) = Walk(repository, native, tip, target, previous, ref reader, ref feed, cancellationToken);
                // A fallback walk is a full walk (its Abandoned is null): only a walk without a rescan reason continues the previous result.
                var incremental = previous is not null && reason is null;
                if (reason is not null) LogFullRescan(_logger, target.Branch, reason);

                var tracker = incremental ? previous!.Tracker.Clone() : new UseCaseTracker(target.Files.Count);
                var entries = incremental ? previous!.Entries.ToBuilder() : ImmutableArray.CreateBuilder<ChangeEntry>();
                var before = entries.Count;
                var (parsed, commits) = reader?.Finish() ?? ([], []);
                var blobsParsed = Replay(native, target, walk.Versions, parsed, commits, tracker, entries, cancellationToken);

                var duration = _timeProvider.GetElapsedTime(started);
                var statistics = new ScanStatistics(incremental, walk.CommitsWalked, walk.Versions.Count, blobsParsed, entries.Count - before, duration, reason);
                Record(statistics, target.Branch, activity);
                RecordUnreadableVersions(entries, before);
                return new HistoryScan(target, tip.Sha, entries.ToImmutable(), statistics, tracker, WatchedFilesAt(tip, target, tracker));
            }
            finally
            {
                // Last: their threads free their handles while the replay goes on.
                feed?.Dispose();
                reader?.Dispose();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _metrics?.ScanErrors.Add(1, new KeyValuePair<string, object?>("error.type", e.GetType().Name));
            activity.RecordFailure(e);
            throw;
        }
    }

    /// <summary>
    /// Walks the history: incrementally from <paramref name="previous"/> when it can, else fully, with a
    /// <paramref name="reader"/> and a <paramref name="feed"/> started beside a full walk (when <see cref="ReadsInParallel"/>),
    /// to read its versions as they are found and to order its commits.
    /// </summary>
    private (FollowWalk Walk, string? FullRescanReason) Walk(Repository repository, NativeRepository native, Commit tip, ScanTarget target, HistoryScan? previous, ref VersionReader? reader, ref CommitFeed? feed, CancellationToken cancellationToken)
    {
        var paths = target.Files.Select(static f => f.Path);
        var tipId = GitOid.From(tip.Id);
        if (previous is null) return (FullWalk(repository, native, tipId, paths, ref reader, ref feed, cancellationToken), null);

        var oldTip = repository.Lookup<Commit>(previous.TipSha);
        string reason;
        if (oldTip is null)
        {
            reason = "the previous tip no longer exists";
        }
        else if (repository.ObjectDatabase.FindMergeBase(oldTip, tip)?.Id != oldTip.Id)
        {
            reason = "the previous tip is no longer an ancestor of the branch (force-push)";
        }
        else
        {
            var newCommits = repository.Commits
                .QueryBy(new CommitFilter { IncludeReachableFrom = tip, ExcludeReachableFrom = oldTip })
                .Select(static c => GitOid.From(c.Id))
                .ToHashSet();
            var walk = FollowWalk.Incremental(repository, native, tipId, GitOid.From(oldTip.Id), newCommits, paths, _options.MaxFileBytes, cancellationToken);
            if (walk.Abandoned is null) return (walk, null);
            reason = walk.Abandoned;
        }

        return (FullWalk(repository, native, tipId, paths, ref reader, ref feed, cancellationToken), reason);
    }

    private FollowWalk FullWalk(Repository repository, NativeRepository native, GitOid tip, IEnumerable<string> paths, ref VersionReader? reader, ref CommitFeed? feed, CancellationToken cancellationToken)
    {
        if (!ReadsInParallel) return FollowWalk.Full(repository, native, tip, paths, _options.MaxFileBytes, reader: null, feed: null, cancellationToken);
        reader = VersionReader.Start(repository, _parsers, _options.MaxFileBytes, ReadsPacks, cancellationToken);
        feed = CommitFeed.Start(repository, tip, ReadsPacks, cancellationToken);
        return FollowWalk.Full(repository, native, tip, paths, _options.MaxFileBytes, reader, feed, cancellationToken);
    }

    /// <summary>
    /// Turns the file versions (newest first) into entries, oldest first, reading what <paramref name="parsed"/> and
    /// <paramref name="commits"/> do not hold yet. Returns the number of blobs parsed.
    /// </summary>
    private int Replay(
        NativeRepository repository,
        ScanTarget target,
        List<FileVersion> versions,
        Dictionary<(GitOid, IConfigParser), ParsedConfig> parsed,
        Dictionary<GitOid, CommitInfo> commits,
        UseCaseTracker tracker,
        ImmutableArray<ChangeEntry>.Builder entries,
        CancellationToken cancellationToken)
    {
        // Each unreadable blob is logged once, at its first (oldest) version, whoever read it.
        var logged = new HashSet<ParsedConfig>(ReferenceEqualityComparer.Instance);
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if ((i & 0xFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var version = versions[i];
            if (!commits.TryGetValue(version.Commit, out var commit))
            {
                commit = repository.ReadCommitInfo(version.Commit, version.Commit.ToSha());
                commits[version.Commit] = commit;
            }

            ParsedConfig? content = null;
            if (version.Blob is { } blobId)
            {
                var parser = _parsers.For(version.Path);
                if (!parsed.TryGetValue((blobId, parser), out content))
                {
                    content = VersionReader.Read(repository, blobId, parser, _options.MaxFileBytes);
                    parsed[(blobId, parser)] = content;
                }

                if (content.Error is { } error && logged.Add(content)) LogUnreadableVersion(_logger, version.Path, commit.ShortSha, error.ToString());
            }

            tracker.Apply(version.File, target.Files[version.File], commit, version.Path, content, entries);
        }

        return parsed.Count;
    }

    private static Commit ResolveTip(Repository repository, string branch)
    {
        var commit = repository.Branches[branch]?.Tip
            ?? (repository.Lookup(branch) as Commit);
        return commit ?? throw new PromptWatchException($"Branch '{branch}' was not found in the repository, or it has no commits.");
    }

    /// <summary>Whether each watched file is a file at <paramref name="tip"/>, and how many use cases it holds there.</summary>
    private static ImmutableArray<WatchedFileStatus> WatchedFilesAt(Commit tip, ScanTarget target, UseCaseTracker tracker)
    {
        var files = ImmutableArray.CreateBuilder<WatchedFileStatus>(target.Files.Count);
        for (var i = 0; i < target.Files.Count; i++)
        {
            var file = target.Files[i];
            var exists = tip.Tree[file.Path] is { TargetType: TreeEntryTargetType.Blob };
            files.Add(new WatchedFileStatus(file.Path, file.Environment, exists, exists ? tracker.LiveUseCases(i) : 0));
        }

        return files.MoveToImmutable();
    }

    private static bool SameFiles(ScanTarget a, ScanTarget b) => a.Files.SequenceEqual(b.Files);

    private void Record(ScanStatistics statistics, string branch, Activity? activity)
    {
        var kind = new KeyValuePair<string, object?>("promptwatch.scan.kind", statistics.Incremental ? "incremental" : "full");
        _metrics?.Scans.Add(1, kind);
        _metrics?.ScanDuration.Record(statistics.Duration.TotalSeconds, kind);
        _metrics?.CommitsWalked.Add(statistics.CommitsWalked, kind);
        _metrics?.BlobsParsed.Add(statistics.BlobsParsed, kind);
        _metrics?.ChangesFound.Add(statistics.NewEntries, kind);
        activity?.SetTag("promptwatch.scan.kind", statistics.Incremental ? "incremental" : "full");
        activity?.SetTag("promptwatch.scan.commits_walked", statistics.CommitsWalked);
        activity?.SetTag("promptwatch.scan.new_entries", statistics.NewEntries);
        LogScanCompleted(_logger, branch, statistics.Incremental ? "incremental" : "full", statistics.CommitsWalked, statistics.BlobsParsed, statistics.NewEntries, statistics.Duration.TotalMilliseconds);
    }

    /// <summary>Counts the file versions this scan found unreadable (error entries among the new ones) in <c>promptwatch.scan.errors</c>.</summary>
    private void RecordUnreadableVersions(ImmutableArray<ChangeEntry>.Builder entries, int before)
    {
        if (_metrics is null) return;
        var unreadable = 0;
        for (var i = before; i < entries.Count; i++)
        {
            if (entries[i].Kind == PromptWatch.Model.ChangeKind.Error) unreadable++;
        }

        if (unreadable > 0) _metrics.ScanErrors.Add(unreadable, new KeyValuePair<string, object?>("error.type", "unreadable_version"));
    }

    [LoggerMessage(EventId = 1, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Scanned {Branch} ({Kind}): {Commits} commits walked, {Blobs} blobs parsed, {NewEntries} new entries in {ElapsedMs:F1} ms")]
    private static partial void LogScanCompleted(ILogger logger, string branch, string kind, int commits, int blobs, int newEntries, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Rescanning {Branch} fully: {Reason}")]
    private static partial void LogFullRescan(ILogger logger, string branch, string reason);

    [LoggerMessage(EventId = 3, Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "{Path} at {Commit} could not be read: {Error}")]
    private static partial void LogUnreadableVersion(ILogger logger, string path, string commit, string error);
}
