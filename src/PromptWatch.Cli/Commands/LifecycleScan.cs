using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Cli.Commands;

/// <summary>A scan's entries as the timeline the lifecycle views read (newest first, one repository, no evaluation results).</summary>
internal static class LifecycleScan
{
    public const string Repository = "repository";

    public static ImmutableArray<TimelineEntry> Timeline(Scanning.HistoryScan scan) =>
        [.. scan.Timeline.Select(static e => new TimelineEntry(Repository, e, [], EvaluationResultsState.NotConfigured))];

    public static IReadOnlyList<string> Environments(IReadOnlyList<WatchedFile> files) => [.. files.Select(static f => f.Environment).Distinct(StringComparer.Ordinal)];
}
