using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>
/// One use case's versions in one environment, oldest first, each with the promotion it was when the same settings were
/// in an environment configured before this one first (the first such environment, from the change that last gave it
/// those settings), and the lead time of those promotions.
/// </summary>
/// <param name="Environment">The environment.</param>
/// <param name="UseCase">The use case.</param>
/// <param name="Versions">Every version, oldest first.</param>
/// <param name="LeadTime">The lead times of its promotions, or <see langword="null"/> when none was a promotion.</param>
public sealed record UseCaseStory(string Environment, string UseCase, ImmutableArray<UseCaseVersionEntry> Versions, LeadTime? LeadTime)
{
    /// <summary>The story of <paramref name="useCase"/> in <paramref name="environment"/>.</summary>
    /// <param name="repository">The repository's name (only its entries are read).</param>
    /// <param name="timeline">The timeline, newest first.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="useCase">The use case.</param>
    /// <param name="environments">The repository's environments, in configuration order: promotions come from those before <paramref name="environment"/>.</param>
    /// <returns>The story; no versions when the use case was never in the environment.</returns>
    public static UseCaseStory Compute(string repository, IEnumerable<TimelineEntry> timeline, string environment, string useCase, IReadOnlyList<string> environments)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(environments);
        var changes = timeline.Where(e => e.Repository == repository && e.Change.UseCase == useCase && e.Change.Kind != ChangeKind.Error)
            .Select(static e => e.Change).Reverse().ToList();
        var versions = ImmutableArray.CreateBuilder<UseCaseVersionEntry>();
        var leadTimes = new List<TimeSpan>();
        foreach (var change in changes.Where(c => c.Environment == environment))
        {
            var promotion = change.Kind == ChangeKind.Removed || change.State is null ? null : PromotionOf(change, changes, environment, environments);
            if (promotion is not null) leadTimes.Add(promotion.LeadTime);
            versions.Add(new UseCaseVersionEntry(change, promotion));
        }

        return new UseCaseStory(environment, useCase, versions.ToImmutable(), LeadTime.Of(leadTimes));
    }

    private static Promotion? PromotionOf(ChangeEntry version, List<ChangeEntry> changes, string environment, IReadOnlyList<string> environments)
    {
        // Promotions flow in configuration order (test, then prod): the sources are the environments before this one.
        foreach (var source in environments.TakeWhile(e => e != environment))
        {
            // When the source last took these settings before they appeared here (a revert there counts from the revert).
            var first = changes.LastOrDefault(c => c.Environment == source && c.State is not null && c.Kind != ChangeKind.Removed
                && c.Commit.Date <= version.Commit.Date && c.Commit.Sha != version.Commit.Sha && c.State.Equals(version.State));
            if (first is not null) return new Promotion(source, first.Commit, version.Commit.Date - first.Commit.Date);
        }

        return null;
    }
}
