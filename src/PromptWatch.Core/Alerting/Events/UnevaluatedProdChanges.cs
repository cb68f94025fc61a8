using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Alerting.Events;

/// <summary>
/// Publishes <see cref="AlertEventKinds.UnevaluatedProdChange"/> for each recent change of a prod environment whose
/// commit is older than the grace period and has no evaluation result (the timeline says
/// <see cref="EvaluationResultsState.None"/>: every store was listed), and a clearing event with the same labels once a
/// result appears (<see cref="EvaluationResultsState.Found"/>). Each is published once, on the transition. Only the
/// entries inside the look-back are visited: the timeline is newest commit first, so the walk stops at the first older
/// one, and their results were already looked up in the stores' indexes when the timeline was built.
/// </summary>
internal sealed class UnevaluatedProdChanges
{
    private static readonly string[] DefaultProdEnvironments = ["prod", "production"];
    private readonly IAlertEventPublisher _publisher;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lookBack;
    private readonly TimeSpan _gracePeriod;
    private readonly HashSet<string> _prod;
    private readonly Lock _lock = new();

    // The changes published as unevaluated and not cleared since, by occurrence id, with their labels.
    private Dictionary<string, Dictionary<string, string>> _open = new(StringComparer.Ordinal);
    private long _checked = long.MinValue;

    public UnevaluatedProdChanges(IAlertEventPublisher publisher, TimeProvider timeProvider, AlertingOptions options)
    {
        _publisher = publisher;
        _timeProvider = timeProvider;
        _lookBack = options.UnevaluatedChangeLookBack;
        _gracePeriod = options.EvaluationGracePeriod;
        _prod = new HashSet<string>(options.ProdEnvironments.Count > 0 ? options.ProdEnvironments : DefaultProdEnvironments, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The changes published as unevaluated and not cleared since.</summary>
    public int Open
    {
        get
        {
            lock (_lock) return _open.Count;
        }
    }

    /// <summary>
    /// Checks the recent prod changes of a published timeline (newest first). A change that left the look-back (or the
    /// timeline) while unevaluated is forgotten: the rule's auto-resolve ends its alert. A snapshot older than one
    /// already checked (two refreshes publishing at once) is passed over.
    /// </summary>
    public void Check(long version, ImmutableArray<TimelineEntry> timeline)
    {
        if (timeline.IsDefault) return;
        var now = _timeProvider.GetUtcNow();
        var since = now - _lookBack;
        var due = now - _gracePeriod;
        lock (_lock)
        {
            if (version <= _checked) return;
            _checked = version;
            var open = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var entry in timeline)
            {
                var change = entry.Change;
                if (change.Commit.Date < since) break;
                if (change.Kind is ChangeKind.Error or ChangeKind.Removed || change.UseCase is null || !_prod.Contains(change.Environment)) continue;
                var occurrence = $"{entry.Repository}/{change.Commit.Sha}/{change.Environment}/{change.UseCase}";
                if (open.ContainsKey(occurrence)) continue;
                if (entry.ResultsState == EvaluationResultsState.Found)
                {
                    if (_open.Remove(occurrence, out var cleared)) Publish(cleared, $"{change.UseCase} in {change.Environment} at {change.Commit.ShortSha} in {entry.Repository} has an evaluation report.", now, clears: true, null);
                    continue;
                }

                if (_open.Remove(occurrence, out var labels))
                {
                    open[occurrence] = labels;
                }
                else if (entry.ResultsState == EvaluationResultsState.None && change.Commit.Date <= due)
                {
                    labels = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["repository"] = entry.Repository,
                        ["environment"] = change.Environment,
                        ["use_case"] = change.UseCase,
                        ["commit"] = change.Commit.ShortSha,
                    };
                    open[occurrence] = labels;
                    Publish(labels, $"{change.UseCase} changed in {change.Environment} at {change.Commit.ShortSha} in {entry.Repository} and has no evaluation report after the grace period.", now, clears: false, occurrence);
                }
            }

            _open = open;
        }
    }

    private void Publish(Dictionary<string, string> labels, string summary, DateTimeOffset now, bool clears, string? occurrence) =>
        _publisher.Publish(new AlertEvent(AlertEventKinds.UnevaluatedProdChange, new Dictionary<string, string>(labels, StringComparer.Ordinal), summary, now)
        {
            Clears = clears,
            OccurrenceId = occurrence,
        });
}
