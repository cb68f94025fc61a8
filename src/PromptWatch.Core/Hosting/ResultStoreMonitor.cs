using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PromptWatch.Diagnostics;
using PromptWatch.Results;

namespace PromptWatch.Hosting;

/// <summary>
/// One evaluation-result store: lists it on its interval (the store's own, else the host's), keeps the index of
/// the last successful listing, and backs off after failures. While the store fails, its results are unknown
/// rather than absent.
/// </summary>
internal sealed partial class ResultStoreMonitor : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _maxBackoff;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ScoreFileCache _scores;

    public ResultStoreMonitor(int index, IEvaluationResultStore store, PromptWatchOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        if (store.RefreshInterval is { } own && own < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"The result store {store.DisplayName} asks to be listed every {own}: the interval must be at least one second.", nameof(store));
        }

        _scores = new ScoreFileCache(store, options.MaxScoreFileBytes);
        _interval = store.RefreshInterval ?? options.ResultsRefreshInterval;
        // A store listed less often than the host's backoff limit never waits less than its own interval.
        _maxBackoff = options.ResultsMaxBackoff < _interval ? _interval : options.ResultsMaxBackoff;
        var description = store is IDescribedResultStore described ? described.Describe() : new Dictionary<string, string?>();
        Status = new ResultStoreStatus(index, store.DisplayName, false, null, null, null, 0, 0, [], description);
    }

    public IEvaluationResultStore Store { get; }

    public ResultStoreStatus Status { get; private set; }

    /// <summary>The index of the last successful listing, while the store answers; <see langword="null"/> while it does not.</summary>
    public EvaluationResultIndex? Index { get; private set; }

    /// <summary>The score files of the last successful listing, by key.</summary>
    public System.Collections.Frozen.FrozenDictionary<string, ScoreFile> Scores => _scores.Files;

    /// <summary>How many score files were fetched so far.</summary>
    public int ScoreReads => _scores.Reads;

    /// <summary>How long to wait before the next listing: the interval, doubled per consecutive failure up to the backoff limit.</summary>
    public TimeSpan NextDelay
    {
        get
        {
            var failures = Math.Min(Status.ConsecutiveFailures, 16);
            var delay = _interval * Math.Pow(2, failures);
            return delay > _maxBackoff ? _maxBackoff : delay;
        }
    }

    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        using var scope = Diagnostics.OperationScope.Begin(_logger);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.results.list");
        activity?.SetTag("promptwatch.result_store", Store.DisplayName);
        try
        {
            var index = await Store.ListAsync(cancellationToken).ConfigureAwait(false);
            activity?.SetTag("promptwatch.results.count", index.Count);
            await _scores.UpdateAsync(index, cancellationToken).ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            if (Status.ConsecutiveFailures > 0) LogRecovered(_logger, Store.DisplayName, Status.ConsecutiveFailures);
            Index = index;
            Status = Status with { Known = true, LastAttempt = now, LastSuccess = now, LastError = null, ConsecutiveFailures = 0, ResultCount = index.Count, SampleKeys = index.SampleKeys };
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A store's failure, whatever it is, must not stop the host: it is recorded and retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = e is PromptWatchException ? e.Message : $"{Store.DisplayName}: {e.Message}";
            activity.RecordFailure(e);
            Index = null;
            Status = Status with { Known = false, LastAttempt = _timeProvider.GetUtcNow(), LastError = message, ConsecutiveFailures = Status.ConsecutiveFailures + 1 };
            LogListingFailed(_logger, Store.DisplayName, Status.ConsecutiveFailures, NextDelay.TotalSeconds, message);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Listing evaluation results of {Store} failed ({Failures} in a row; next try in {DelaySeconds} s); results show as unknown: {Error}")]
    private static partial void LogListingFailed(ILogger logger, string store, int failures, double delaySeconds, string error);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Evaluation results of {Store} can be listed again after {Failures} failures")]
    private static partial void LogRecovered(ILogger logger, string store, int failures);
}
