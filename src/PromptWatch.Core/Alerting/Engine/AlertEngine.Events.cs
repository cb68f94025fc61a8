using PromptWatch.Diagnostics;

namespace PromptWatch.Alerting.Engine;

// Event rules: Publish only queues (bounded, the oldest dropped and counted); one worker matches events in order.
internal sealed partial class AlertEngine
{
    private const int RememberedOccurrences = 10_000;
    private readonly HashSet<string> _occurrences = new(StringComparer.Ordinal);
    private readonly Queue<string> _occurrenceOrder = new();

    /// <inheritdoc />
    public void Publish(AlertEvent alertEvent)
    {
        if (alertEvent is null) return;
        _events.Writer.TryWrite(alertEvent);
    }

    private async Task ProcessEventsAsync(CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<AlertEvent>();
            while (batch.Count < 256 && reader.TryRead(out var next)) batch.Add(next);
            await _gate.WaitAsync(cancellationToken);
            // One batch per batch of events: a store that writes a whole file writes once for all their changes.
            var storeBatch = _store.BeginBatch();
            try
            {
                var now = _time.GetUtcNow();
                await RefreshAsync(now, cancellationToken);
                foreach (var alertEvent in batch)
                {
                    try
                    {
                        await MatchAsync(alertEvent, now, cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogEventFailed(_logger, alertEvent.Kind, DependencyMetrics.ErrorType(e), e);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogEventFailed(_logger, batch[0].Kind, DependencyMetrics.ErrorType(e), e);
            }
            finally
            {
                await EndBatchAsync(storeBatch, batch[0].Kind);
                _gate.Release();
            }
        }
    }

    private async Task EndBatchAsync(IAsyncDisposable storeBatch, string kind)
    {
        try
        {
            await storeBatch.DisposeAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The changes stay in the store's memory and go with its next write.
            LogEventFailed(_logger, kind, DependencyMetrics.ErrorType(e), e);
        }
    }

    private async Task MatchAsync(AlertEvent alertEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (alertEvent.OccurrenceId is { } occurrence)
        {
            // Once per process, and once among the replicas that share the store (each may receive the same delivery).
            var key = alertEvent.Kind + "\u001f" + occurrence;
            if (!Remember(key) || !await _store.TryClaimNotificationAsync("event\u001f" + key, MinClaim, cancellationToken)) return;
        }

        foreach (var state in _eventRules.Values)
        {
            if (!state.Matches(alertEvent)) continue;
            var labels = state.LabelsOf(alertEvent);
            if (alertEvent.Clears)
            {
                Alert? open;
                lock (_open) open = _open.GetValueOrDefault(AlertGroupKey.Of(state.Rule.Name, labels));
                if (open is not null) await ClearAsync(state.Rule, open, AlertResolutionReason.Cleared, now, null, cancellationToken);
                continue;
            }

            await BreachAsync(state.Rule, labels, null, alertEvent.Summary, alertEvent.Url, state.Condition.Occurrences, null, alertEvent.At > now ? now : alertEvent.At, null, cancellationToken);
        }
    }

    private bool Remember(string occurrence)
    {
        if (!_occurrences.Add(occurrence)) return false;
        _occurrenceOrder.Enqueue(occurrence);
        if (_occurrenceOrder.Count > RememberedOccurrences) _occurrences.Remove(_occurrenceOrder.Dequeue());
        return true;
    }
}
