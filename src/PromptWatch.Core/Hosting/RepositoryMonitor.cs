using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PromptWatch.Diagnostics;
using PromptWatch.Model;
using PromptWatch.Repositories;
using PromptWatch.Scanning;

namespace PromptWatch.Hosting;

/// <summary>
/// One watched repository: fetches it, scans it incrementally, and keeps the last good scan. Refreshes
/// are serialized; a failure is recorded and never thrown to the loop that runs it. A cancelled refresh throws
/// <see cref="OperationCanceledException"/> and records nothing.
/// </summary>
internal sealed partial class RepositoryMonitor : IDisposable
{
    private readonly WatchedRepositoryOptions _options;
    private readonly string? _cacheDirectory;
    private readonly HistoryScanner _scanner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyList<WatchedFile> _files;
    private readonly IRepositorySourceFactory _sources;
    private readonly DependencyMetrics? _dependencies;
    private IRepositorySource? _source;
    private HistoryScan? _scan;
    private string? _lastErrorType;

    public RepositoryMonitor(WatchedRepositoryOptions options, PromptWatchOptions global, HistoryScanner scanner, TimeProvider timeProvider, ILogger logger, IRepositorySourceFactory sources, DependencyMetrics? dependencies = null)
    {
        _options = options;
        _dependencies = dependencies;
        _sources = sources;
        _cacheDirectory = global.CacheDirectory;
        _scanner = scanner;
        _timeProvider = timeProvider;
        _logger = logger;
        Name = options.EffectiveName;
        PollInterval = options.PollInterval ?? global.PollInterval;
        _files = options.Files.Count == 0
            ? WatchedFile.Defaults
            : [.. options.Files.Select(static f => new WatchedFile(WatchedFile.NormalizePath(f.Key), f.Value))];
        Status = new RepositoryStatus(Name, options.SafeLocation, options.Branch, null, PollInterval, null, null, null, false, null, null, 0);
    }

    public string Name { get; }

    public TimeSpan PollInterval { get; }

    /// <summary>The status after the last refresh.</summary>
    public RepositoryStatus Status { get; private set; }

    /// <summary>The entries of the last good scan, newest first; empty before the first.</summary>
    public ImmutableArray<ChangeEntry> Entries { get; private set; } = [];

    /// <summary>Fetches, scans and indexes results; records the outcome in <see cref="Status"/>.</summary>
    /// <returns>The number of entries that were not there before, or the failure.</returns>
    public async Task<(int NewChanges, string? Error)> RefreshAsync(CancellationToken cancellationToken)
    {
        using var scope = Diagnostics.OperationScope.Begin(_logger);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.refresh");
        activity?.SetTag("promptwatch.repository", Name);
        try
        {
            var outcome = await RefreshLockedAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.Error is not null) activity.RecordFailure(_lastErrorType ?? "refresh_failed", outcome.Error);
            else activity?.SetTag("promptwatch.changes.new", outcome.NewChanges);
            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(int NewChanges, string? Error)> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        try
        {
            _source ??= _sources.Create(new RepositorySourceOptions
            {
                Location = _options.Location,
                Branch = _options.Branch,
                Credentials = string.IsNullOrEmpty(_options.Username) ? null : new RepositoryCredentials(_options.Username, _options.Password ?? string.Empty),
                CacheDirectory = _cacheDirectory,
                FetchLocal = _options.FetchLocal,
            });
            var update = await FetchAsync(_source, cancellationToken).ConfigureAwait(false);
            var fetchedAt = _timeProvider.GetUtcNow();
            var previous = _scan;
            var scan = await Task.Run(() => _scanner.Scan(update.Repository, new ScanTarget(update.Branch, _files), previous, cancellationToken), cancellationToken).ConfigureAwait(false);
            var newChanges = ReferenceEquals(scan, previous) ? 0 : CountNew(previous, scan);
            _scan = scan;
            if (!ReferenceEquals(scan, previous)) Entries = [.. scan.Timeline];
            if (_options.CloseBetweenScans)
            {
                // The next refresh opens the clone afresh; until then the repository holds no native memory.
                _source.Dispose();
                _source = null;
            }

            var now = _timeProvider.GetUtcNow();
            if (update.FetchWarning is { } warning) LogFetchWarning(_logger, Name, warning);
            Status = Status with
            {
                Branch = update.Branch,
                TipSha = scan.TipSha,
                LastAttempt = now,
                LastSuccess = now,
                LastFetch = update.FetchWarning is null ? fetchedAt : Status.LastFetch,
                LastRefreshOk = true,
                LastError = null,
                FetchWarning = update.FetchWarning,
                Changes = scan.Entries.Length,
                WatchedFiles = scan.WatchedFiles,
            };
            return (newChanges, null);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled, whichever exception says so (libgit2 reports an aborted transfer as an error of its own):
            // not a failure. The status, the last good scan and the source stay as they were.
            if (e is OperationCanceledException) throw;
            throw new OperationCanceledException($"Refreshing repository {Name} was cancelled.", e, cancellationToken);
        }
#pragma warning disable CA1031 // A failed refresh, whatever the cause, must not stop the host: it is recorded and retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Open the repository afresh next time: it may have been moved, restored or re-cloned.
            _source?.Dispose();
            _source = null;
            var message = e is PromptWatchException ? e.Message : $"{_options.SafeLocation}: {e.Message}";
            _lastErrorType = DependencyMetrics.ErrorType(e);
            // Only a repository that was scanned once has a last good scan to keep publishing.
            if (Status.LastSuccess is null) LogFirstRefreshFailed(_logger, Name, message);
            else LogRefreshFailed(_logger, Name, message);
            Status = Status with { LastAttempt = _timeProvider.GetUtcNow(), LastRefreshOk = false, LastError = message };
            return (0, message);
        }
    }

    /// <summary>Updates the source inside a <c>promptwatch.fetch</c> span; a fetch that ran is timed as a <c>git</c> dependency call.</summary>
    private async Task<RepositoryUpdate> FetchAsync(IRepositorySource source, CancellationToken cancellationToken)
    {
        using var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.fetch");
        activity?.SetTag("promptwatch.repository", Name);
        var started = _timeProvider.GetTimestamp();
        try
        {
            var update = await source.UpdateAsync(cancellationToken).ConfigureAwait(false);
            activity?.SetTag("promptwatch.branch", update.Branch);
            activity?.SetTag("promptwatch.fetched", update.Fetched);
            if (update.Fetched) _dependencies?.Record(DependencyMetrics.Git, _timeProvider.GetElapsedTime(started));
            return update;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            activity.RecordFailure(e);
            _dependencies?.Record(DependencyMetrics.Git, _timeProvider.GetElapsedTime(started), e);
            throw;
        }
    }

    private static int CountNew(HistoryScan? previous, HistoryScan scan)
    {
        if (previous is null) return scan.Entries.Length;
        var known = new HashSet<(string, string, string?)>();
        foreach (var entry in previous.Entries) known.Add((entry.Commit.Sha, entry.Environment, entry.UseCase));
        var count = 0;
        foreach (var entry in scan.Entries)
        {
            if (!known.Contains((entry.Commit.Sha, entry.Environment, entry.UseCase))) count++;
        }

        return count;
    }

    public void Dispose()
    {
        _source?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Refreshing repository {Repository} failed; the last good scan stays published: {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string repository, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Refreshing repository {Repository} failed before any scan succeeded; nothing is published until one does: {Error}")]
    private static partial void LogFirstRefreshFailed(ILogger logger, string repository, string error);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Repository {Repository} was scanned without fetching its remote: {Warning}")]
    private static partial void LogFetchWarning(ILogger logger, string repository, string warning);

}
