using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromptWatch.Diagnostics;
using PromptWatch.Model;
using PromptWatch.Parsing;
using PromptWatch.Repositories;
using PromptWatch.Results;
using PromptWatch.Scanning;

namespace PromptWatch.Hosting;

/// <summary>
/// Watches the configured repositories and publishes immutable <see cref="PromptWatchSnapshot"/>s. The
/// hosted service added by <c>AddPromptWatch()</c> refreshes each repository on its interval; endpoints
/// read <see cref="Current"/>, call <see cref="RefreshAsync"/>, and wait for news with <see cref="WaitForNextAsync"/>.
/// </summary>
public sealed class PromptWatchMonitor : IDisposable
{
    private readonly ImmutableArray<RepositoryMonitor> _repositories;
    private readonly ImmutableArray<ResultStoreMonitor> _stores;
    private readonly PromptWatchMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _publishLock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private PromptWatchSnapshot _current;
    private TaskCompletionSource<PromptWatchSnapshot> _next = NewSignal();
    private object?[] _mergedFrom = [];
    private int _disposed;
    private readonly ScoreDeltas _scoreDeltas;

    /// <summary>Creates the monitor; nothing is fetched before the first refresh.</summary>
    /// <param name="options">The watched repositories.</param>
    /// <param name="resultStores">Where evaluation results are kept, if anywhere.</param>
    /// <param name="metrics">Where refreshes are counted.</param>
    /// <param name="loggerFactory">Where to log.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="parsers">Parsers by file glob; Helm values for every file when <see langword="null"/>.</param>
    /// <param name="repositorySources">Makes each repository's source; <see cref="RepositorySource.Create"/> when <see langword="null"/>.</param>
    public PromptWatchMonitor(
        IOptions<PromptWatchOptions> options,
        IEnumerable<IEvaluationResultStore> resultStores,
        PromptWatchMetrics metrics,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        ConfigParserSelector? parsers = null,
        IRepositorySourceFactory? repositorySources = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resultStores);
        ArgumentNullException.ThrowIfNull(metrics);
        var settings = options.Value;
        loggerFactory ??= NullLoggerFactory.Instance;
        _metrics = metrics;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var scanner = new HistoryScanner(new HistoryScannerOptions { MaxFileBytes = settings.MaxFileBytes }, parsers, loggerFactory.CreateLogger<HistoryScanner>(), metrics, _timeProvider);
        var logger = loggerFactory.CreateLogger<PromptWatchMonitor>();
        var sources = repositorySources ?? DefaultRepositorySourceFactory.Instance;
        _repositories = [.. settings.Repositories.Select(r => new RepositoryMonitor(r, settings, scanner, _timeProvider, logger, sources, metrics.Dependencies))];
        _stores = [.. resultStores.Select((store, index) => new ResultStoreMonitor(index, store, settings, _timeProvider, logger))];
        StaleAfterIntervals = settings.StaleAfterIntervals;
        _scoreDeltas = new ScoreDeltas(settings.ScoreRegressionDrop, settings.ScoreRegressionRelativeDrop);
        _current = new PromptWatchSnapshot(0, 0, _timeProvider.GetUtcNow(), [.. _repositories.Select(static r => r.Status)], [.. _stores.Select(static s => s.Status)], []);
    }

    /// <summary>The last published snapshot.</summary>
    public PromptWatchSnapshot Current => Volatile.Read(ref _current);

    /// <summary>The names of the watched repositories, in configuration order.</summary>
    public IEnumerable<string> RepositoryNames => _repositories.Select(static r => r.Name);

    internal ImmutableArray<RepositoryMonitor> Repositories => _repositories;

    internal ImmutableArray<ResultStoreMonitor> ResultStores => _stores;

    /// <summary>The registered evaluation-result stores, in registration order.</summary>
    public IEnumerable<IEvaluationResultStore> ResultStoreList => _stores.Select(static s => s.Store);

    internal int StaleAfterIntervals { get; }

    /// <summary>Where refresh failures, result-store failures, scan errors and unevaluated prod changes are reported, when the host added alerting.</summary>
    internal Alerting.Events.CoreAlertEvents? AlertEvents { get; init; }

    /// <summary>
    /// Fetches and rescans now, every repository or the one named; waits for a refresh already running. The refresh is
    /// shared work: a caller that cancels only stops waiting, and the refresh runs to completion and publishes its outcome.
    /// </summary>
    /// <param name="repository">A repository name, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Stops waiting; the refresh itself goes on.</param>
    /// <returns>What the refresh did.</returns>
    /// <exception cref="KeyNotFoundException">No repository has that name.</exception>
    public async Task<RefreshResult> RefreshAsync(string? repository = null, CancellationToken cancellationToken = default)
    {
        var targets = repository is null
            ? _repositories
            : [_repositories.FirstOrDefault(r => string.Equals(r.Name, repository, StringComparison.OrdinalIgnoreCase)) ?? throw new KeyNotFoundException($"No repository is named '{repository}'.")];
        cancellationToken.ThrowIfCancellationRequested();
        // Only disposing the monitor stops the refresh: a cancelled caller must not turn it into a failed scan.
        var refresh = Task.WhenAll(targets.Select(r => RefreshAndPublishAsync(r, _lifetime.Token)));
        var outcomes = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Length; i++)
        {
            if (outcomes[i].Error is { } error) errors[targets[i].Name] = error;
        }

        return new RefreshResult(errors.Count == 0, Current.Timeline.Length, outcomes.Sum(static o => o.NewChanges), errors);
    }

    /// <summary>The result files of a commit in every store that can be listed, evaluations first.</summary>
    /// <param name="commitSha">The commit's full sha.</param>
    /// <returns>The files.</returns>
    public ImmutableArray<StoredEvaluationResult> FindResults(string commitSha)
    {
        ArgumentNullException.ThrowIfNull(commitSha);
        var found = ImmutableArray.CreateBuilder<StoredEvaluationResult>();
        foreach (var store in _stores)
        {
            if (store.Index is not { } index) continue;
            foreach (var result in index.Find(commitSha))
            {
                if (result.Kind != EvaluationResultKind.Scores) found.Add(new StoredEvaluationResult(store.Status.Index, store.Store, result));
            }
        }

        return found.ToImmutable();
    }

    /// <summary>Lists every evaluation-result store now and republishes the timeline with what they hold.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>What the refresh did.</returns>
    public async Task<ResultsRefreshResult> RefreshResultsAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = await Task.WhenAll(_stores.Select(s => s.RefreshAsync(cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < _stores.Length; i++) AlertEvents?.ResultStoreListed(_stores[i].Store.DisplayName, outcomes[i]);
        Publish();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _stores.Length; i++)
        {
            if (!outcomes[i] && _stores[i].Status.LastError is { } error) errors[_stores[i].Store.DisplayName] = error;
        }

        var snapshot = Current;
        return new ResultsRefreshResult(errors.Count == 0, snapshot.Timeline.Count(static e => e.ResultsState == EvaluationResultsState.Found), snapshot.Timeline.Length, errors);
    }

    internal async Task RefreshResultStoreAndPublishAsync(ResultStoreMonitor store, CancellationToken cancellationToken)
    {
        var ok = await store.RefreshAsync(cancellationToken).ConfigureAwait(false);
        AlertEvents?.ResultStoreListed(store.Store.DisplayName, ok);
        Publish();
    }

    /// <summary>Waits until a snapshot newer than <paramref name="version"/> is published.</summary>
    /// <param name="version">The version the caller has seen.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The newer snapshot.</returns>
    public async Task<PromptWatchSnapshot> WaitForNextAsync(long version, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<PromptWatchSnapshot> next;
            lock (_publishLock)
            {
                if (_current.Version > version) return _current;
                next = _next.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task<(int NewChanges, string? Error)> RefreshAndPublishAsync(RepositoryMonitor repository, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var before = repository.Entries;
        var outcome = await repository.RefreshAsync(cancellationToken).ConfigureAwait(false);
        _metrics.RecordRefresh(repository.Name, outcome.Error is null, _timeProvider.GetElapsedTime(started));
        AlertEvents?.RepositoryRefreshed(repository.Name, outcome.Error is null);
        if (outcome.Error is null) AlertEvents?.ScanFinished(repository.Name, before, repository.Entries);
        Publish();
        return outcome;
    }

    private void Publish()
    {
        TaskCompletionSource<PromptWatchSnapshot> signal;
        PromptWatchSnapshot snapshot;
        lock (_publishLock)
        {
            var previous = _current;
            // Most publications are polls that found nothing: when no repository's entries and no store's
            // index changed, the timeline is the one already published, and is not rebuilt.
            var inputs = MergeInputs();
            var timeline = previous.Timeline;
            var timelineChanged = false;
            if (!inputs.AsSpan().SequenceEqual(_mergedFrom, ReferenceEqualityComparer.Instance))
            {
                timeline = MergeTimelines();
                timelineChanged = !SameEntries(previous.Timeline, timeline);
                _mergedFrom = inputs;
            }

            snapshot = new PromptWatchSnapshot(
                previous.Version + 1,
                timelineChanged ? previous.TimelineVersion + 1 : previous.TimelineVersion,
                _timeProvider.GetUtcNow(),
                [.. _repositories.Select(static r => r.Status)],
                [.. _stores.Select(static s => s.Status)],
                timelineChanged ? timeline : previous.Timeline);
            Volatile.Write(ref _current, snapshot);
            signal = _next;
            _next = NewSignal();
        }

        signal.TrySetResult(snapshot);
        AlertEvents?.TimelinePublished(snapshot);
    }

    /// <summary>What the merged timeline is made of, by reference: each repository's entries and each store's index.</summary>
    private object?[] MergeInputs()
    {
        var inputs = new object?[_repositories.Length + _stores.Length];
        for (var i = 0; i < _repositories.Length; i++) inputs[i] = ImmutableCollectionsMarshal.AsArray(_repositories[i].Entries);
        for (var i = 0; i < _stores.Length; i++) inputs[_repositories.Length + i] = _stores[i].Index;
        return inputs;
    }

    private ImmutableArray<TimelineEntry> MergeTimelines()
    {
        var indexes = _stores.Select(static s => (StoreIndex: s.Status.Index, s.Store, Index: s.Index, s.Scores)).ToArray();
        var anyUnknown = indexes.Any(static i => i.Index is null);
        var byCommit = new Dictionary<string, ImmutableArray<StoredEvaluationResult>>(StringComparer.Ordinal);
        var entries = _repositories.Length == 1
            ? _repositories[0].Entries.Select(e => Attach(_repositories[0].Name, e))
            // Each repository's entries are newest first; a stable sort by date keeps that order within a date.
            : _repositories.SelectMany(r => r.Entries.Select(e => Attach(r.Name, e))).OrderByDescending(static e => e.Change.Commit.Date);
        ImmutableArray<TimelineEntry> timeline = [.. entries];
        if (indexes.Length == 0) return timeline;
        var files = new ScoreFile?[timeline.Length];
        var any = false;
        for (var i = 0; i < timeline.Length; i++)
        {
            files[i] = ScoreFileOf(timeline[i]);
            any |= files[i] is not null;
        }

        return any ? _scoreDeltas.Attach(timeline, files) : timeline;

        ScoreFile? ScoreFileOf(TimelineEntry entry)
        {
            if (entry.Change.Kind == ChangeKind.Error || !byCommit.TryGetValue(entry.Change.Commit.Sha, out var ofCommit)) return null;
            foreach (var stored in ofCommit)
            {
                if (stored.Result.Kind != EvaluationResultKind.Scores || !string.Equals(stored.Result.UseCase, entry.Change.UseCase, StringComparison.Ordinal)) continue;
                var scores = indexes.First(i => i.StoreIndex == stored.StoreIndex).Scores;
                if (scores.TryGetValue(stored.Result.Key, out var file)) return file;
            }

            return null;
        }

        TimelineEntry Attach(string repository, ChangeEntry change)
        {
            if (indexes.Length == 0) return new TimelineEntry(repository, change, [], EvaluationResultsState.NotConfigured);
            if (!byCommit.TryGetValue(change.Commit.Sha, out var ofCommit))
            {
                var found = ImmutableArray.CreateBuilder<StoredEvaluationResult>();
                foreach (var (storeIndex, store, index, _) in indexes)
                {
                    if (index is null) continue;
                    foreach (var result in index.Find(change.Commit.Sha)) found.Add(new StoredEvaluationResult(storeIndex, store, result));
                }

                ofCommit = found.ToImmutable();
                byCommit[change.Commit.Sha] = ofCommit;
            }

            ImmutableArray<StoredEvaluationResult> results = ofCommit.IsEmpty
                ? []
                : [.. ofCommit.Where(r => r.Result.Kind != EvaluationResultKind.Scores && (r.Result.UseCase is null || string.Equals(r.Result.UseCase, change.UseCase, StringComparison.Ordinal)))];
            var state = !results.IsEmpty ? EvaluationResultsState.Found : anyUnknown ? EvaluationResultsState.Unknown : EvaluationResultsState.None;
            return new TimelineEntry(repository, change, results, state);
        }
    }

    private static bool SameEntries(ImmutableArray<TimelineEntry> a, ImmutableArray<TimelineEntry> b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            // Entries are records: equal when the change, repository and results are equal.
            if (!ReferenceEquals(a[i].Change, b[i].Change) && a[i].Change != b[i].Change) return false;
            if (a[i].ResultsState != b[i].ResultsState || !a[i].Results.SequenceEqual(b[i].Results)) return false;
            if (a[i].ScoresError != b[i].ScoresError || !a[i].Scores.SequenceEqual(b[i].Scores)) return false;
        }

        return true;
    }

    private static TaskCompletionSource<PromptWatchSnapshot> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _lifetime.Cancel();
        _lifetime.Dispose();
        foreach (var repository in _repositories) repository.Dispose();
        foreach (var store in _stores) store.Dispose();
    }
}
