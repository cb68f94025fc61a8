using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Alerting.Events;

/// <summary>
/// The events Core publishes for the event rules, when the host added alerting: a repository refresh that failed
/// (cleared by the next success), a result store that failed to list (cleared when it answers), file versions a
/// scan could not read, prod changes without an evaluation report (<see cref="UnevaluatedProdChanges"/>) and score regressions (<see cref="ScoreRegressions"/>). Summaries
/// name what failed, never the error's text (it may hold an address).
/// </summary>
internal sealed class CoreAlertEvents(IAlertEventPublisher publisher, TimeProvider timeProvider, AlertingOptions options)
{
    private readonly UnevaluatedProdChanges _unevaluated = new(publisher, timeProvider, options);
    private readonly ScoreRegressions _regressions = new(publisher, timeProvider, options);

    /// <summary>The most unreadable versions one refresh reports.</summary>
    public const int MaxScanErrorsPerRefresh = 20;

    public void RepositoryRefreshed(string repository, bool ok)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["repository"] = repository };
        publisher.Publish(new AlertEvent(
            AlertEventKinds.RepositoryRefreshFailing,
            labels,
            ok ? $"Repository {repository} refreshed." : $"Refreshing repository {repository} failed; see its status for the error.",
            timeProvider.GetUtcNow()) { Clears = ok });
    }

    public void ResultStoreListed(string store, bool ok)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["store"] = store };
        publisher.Publish(new AlertEvent(
            AlertEventKinds.ResultStoreFailing,
            labels,
            ok ? $"Result store {store} answers again." : $"Listing evaluation results of {store} failed; see its status for the error.",
            timeProvider.GetUtcNow()) { Clears = ok });
    }

    /// <summary>Reports the error entries of <paramref name="after"/> that <paramref name="before"/> did not have (none on a first scan, whose errors are history).</summary>
    public void ScanFinished(string repository, ImmutableArray<ChangeEntry> before, ImmutableArray<ChangeEntry> after)
    {
        if (before.IsDefaultOrEmpty || after == before) return;
        var known = before.Where(static e => e.Kind == ChangeKind.Error).Select(static e => (e.Commit.Sha, e.FilePath)).ToHashSet();
        var now = timeProvider.GetUtcNow();
        foreach (var entry in after.Where(e => e.Kind == ChangeKind.Error && !known.Contains((e.Commit.Sha, e.FilePath))).Take(MaxScanErrorsPerRefresh))
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["repository"] = repository, ["path"] = entry.FilePath, ["commit"] = entry.Commit.ShortSha };
            publisher.Publish(new AlertEvent(AlertEventKinds.ScanErrors, labels, $"{entry.FilePath} at {entry.Commit.ShortSha} in {repository} could not be read.", now)
            {
                OccurrenceId = $"{repository}/{entry.Commit.Sha}/{entry.FilePath}",
            });
        }
    }

    /// <summary>Checks the recent prod changes of a snapshot just published (after a refresh or a result listing).</summary>
    public void TimelinePublished(PromptWatch.Hosting.PromptWatchSnapshot snapshot)
    {
        _unevaluated.Check(snapshot.Version, snapshot.Timeline);
        _regressions.Check(snapshot.Version, snapshot.Timeline);
    }
}
