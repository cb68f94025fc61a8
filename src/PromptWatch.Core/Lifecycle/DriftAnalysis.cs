using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>
/// Compares two environments of a repository from its timeline: each use case's current version on both sides, the
/// fields that differ, the prompt's diff, and how many changes the side with the older version lags behind.
/// </summary>
public static class DriftAnalysis
{
    /// <summary>The drift between <paramref name="left"/> and <paramref name="right"/>.</summary>
    /// <param name="repository">The repository's name (only its entries are read).</param>
    /// <param name="timeline">The timeline, newest first, as a snapshot holds it; entries of other repositories are skipped.</param>
    /// <param name="left">The first environment.</param>
    /// <param name="right">The second environment.</param>
    /// <returns>The report, use cases by name (ordinal).</returns>
    public static DriftReport Compute(string repository, IEnumerable<TimelineEntry> timeline, string left, string right)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);

        // Oldest first per (environment, use case): the changes, the last one being the current version.
        var history = new Dictionary<(string Environment, string UseCase), List<TimelineEntry>>();
        foreach (var entry in timeline)
        {
            if (entry.Repository != repository || entry.Change.UseCase is not { } useCase || entry.Change.Kind == ChangeKind.Error) continue;
            var environment = entry.Change.Environment;
            if (environment != left && environment != right) continue;
            if (!history.TryGetValue((environment, useCase), out var list)) history[(environment, useCase)] = list = [];
            list.Add(entry);
        }

        foreach (var list in history.Values) list.Reverse();

        var useCases = history.Keys.Select(static k => k.UseCase).Distinct().Order(StringComparer.Ordinal);
        var drifts = ImmutableArray.CreateBuilder<UseCaseDrift>();
        var promotions = new List<(DateTimeOffset At, TimeSpan LeadTime)>();
        foreach (var useCase in useCases)
        {
            var leftHistory = history.GetValueOrDefault((left, useCase)) ?? [];
            var rightHistory = history.GetValueOrDefault((right, useCase)) ?? [];
            var leftSide = Side(left, leftHistory);
            var rightSide = Side(right, rightHistory);
            var differing = Differing(leftSide.State, rightSide.State);
            var diff = differing.Contains(UseCaseState.Fields.Prompt) ? PromptDiff.Compute(leftSide.State?.Prompt, rightSide.State?.Prompt) : null;
            var lag = differing.IsEmpty ? null : Lag(leftSide, leftHistory, rightSide, rightHistory);
            // Promotions from left to right: the right side's versions that were on the left first.
            var story = UseCaseStory.Compute(repository, leftHistory.Concat(rightHistory).OrderByDescending(static e => e.Change.Commit.Date), right, useCase, [left, right]);
            foreach (var version in story.Versions)
            {
                if (version.Promotion is { } promotion) promotions.Add((version.Change.Commit.Date, promotion.LeadTime));
            }

            drifts.Add(new UseCaseDrift(useCase, leftSide, rightSide, differing, diff, lag, story.LeadTime));
        }

        var overall = LeadTime.Of([.. promotions.OrderBy(static p => p.At).Select(static p => p.LeadTime)]);
        return new DriftReport(repository, left, right, drifts.ToImmutable(), overall);
    }

    private static DriftSide Side(string environment, List<TimelineEntry> history)
    {
        if (history.Count == 0) return new DriftSide(environment, null, null, Removed: false, EvaluationResultsState.None, 0);
        var current = history[^1];
        var removed = current.Change.Kind == ChangeKind.Removed;
        return new DriftSide(environment, removed ? null : current.Change.State, current.Change.Commit, removed, current.ResultsState, current.Results.Length) { Scores = removed ? [] : current.Scores };
    }

    private static ImmutableArray<string> Differing(UseCaseState? left, UseCaseState? right)
    {
        if (left is null && right is null) return [];
        if (left is not null && right is not null) return right.ChangedFieldsSince(left);
        // One side lacks the use case: every field the other has differs.
        return VersionComparison.AllFields((left ?? right)!);
    }

    /// <summary>
    /// The side whose current version is older (never there counts as oldest) lags by the other side's changes
    /// committed after that version.
    /// </summary>
    private static DriftLag? Lag(DriftSide left, List<TimelineEntry> leftHistory, DriftSide right, List<TimelineEntry> rightHistory)
    {
        var leftAt = left.Commit?.Date ?? DateTimeOffset.MinValue;
        var rightAt = right.Commit?.Date ?? DateTimeOffset.MinValue;
        var (behind, behindAt, ahead) = leftAt <= rightAt ? (left, leftAt, rightHistory) : (right, rightAt, leftHistory);
        var newer = ahead.Where(e => e.Change.Commit.Date > behindAt).ToList();
        return newer.Count == 0 ? null : new DriftLag(behind.Environment, newer.Count, newer[0].Change.Commit.Date);
    }
}
