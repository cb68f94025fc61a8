using System.Collections.Immutable;
using System.Globalization;
using PromptWatch.Model;

namespace PromptWatch.Alerting.Events;

/// <summary>
/// Publishes <see cref="AlertEventKinds.ScoreRegression"/> once per (change, metric) whose score moved the wrong way from
/// the previous evaluated version by more than the thresholds (the timeline already says which: <c>Regressed</c>). The
/// changes visited are those inside the look-back and, whatever its age, the latest evaluated version of each use case in
/// each environment (what is deployed now); a regression no longer among them is forgotten.
/// </summary>
internal sealed class ScoreRegressions(IAlertEventPublisher publisher, TimeProvider timeProvider, AlertingOptions options)
{
    /// <summary>The most regressions one publication reports.</summary>
    public const int MaxPerCheck = 20;

    private readonly Lock _lock = new();
    private HashSet<string> _published = new(StringComparer.Ordinal);
    private long _checked = long.MinValue;

    public void Check(long version, ImmutableArray<TimelineEntry> timeline)
    {
        if (timeline.IsDefault) return;
        var now = timeProvider.GetUtcNow();
        var since = now - options.UnevaluatedChangeLookBack;
        lock (_lock)
        {
            if (version <= _checked) return;
            _checked = version;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var latest = new HashSet<(string, string, string)>();
            var published = 0;
            foreach (var entry in timeline)
            {
                var change = entry.Change;
                if (entry.Scores.IsEmpty || change.UseCase is null) continue;
                var isLatest = latest.Add((entry.Repository, change.Environment, change.UseCase));
                if (change.Commit.Date < since && !isLatest) continue;
                foreach (var score in entry.Scores)
                {
                    if (!score.Regressed || score.Previous is not { } previous) continue;
                    var occurrence = $"{entry.Repository}/{change.Commit.Sha}/{change.Environment}/{change.UseCase}/{score.Name}";
                    if (_published.Contains(occurrence))
                    {
                        seen.Add(occurrence);
                        continue;
                    }

                    if (published == MaxPerCheck) continue;
                    published++;
                    seen.Add(occurrence);
                    var labels = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["repository"] = entry.Repository,
                        ["environment"] = change.Environment,
                        ["use_case"] = change.UseCase,
                        ["metric"] = score.Name,
                        ["commit"] = change.Commit.ShortSha,
                    };
                    var text = string.Create(CultureInfo.InvariantCulture, $"{change.UseCase}: {score.Name} {previous:0.###} -> {score.Value:0.###} after {change.Commit.ShortSha} ({change.Environment}, {entry.Repository})");
                    publisher.Publish(new AlertEvent(AlertEventKinds.ScoreRegression, labels, text, now) { OccurrenceId = occurrence });
                }
            }

            _published = seen;
        }
    }
}
