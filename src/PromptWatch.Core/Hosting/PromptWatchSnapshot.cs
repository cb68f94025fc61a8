using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Hosting;

/// <summary>
/// What the monitor last published: the status of every repository and the merged timeline. Immutable:
/// readers hold one snapshot for a whole request and never see a half-done scan.
/// </summary>
public sealed class PromptWatchSnapshot
{
    internal PromptWatchSnapshot(long version, long timelineVersion, DateTimeOffset publishedAt, ImmutableArray<RepositoryStatus> repositories, ImmutableArray<ResultStoreStatus> resultStores, ImmutableArray<TimelineEntry> timeline)
    {
        ResultStores = resultStores;
        Version = version;
        TimelineVersion = timelineVersion;
        PublishedAt = publishedAt;
        Repositories = repositories;
        Timeline = timeline;
    }

    /// <summary>Grows by one with every publication (a scan, or a change of a repository's status).</summary>
    public long Version { get; }

    /// <summary>Grows by one whenever <see cref="Timeline"/> changes; equal versions mean equal timelines.</summary>
    public long TimelineVersion { get; }

    /// <summary>When the snapshot was published.</summary>
    public DateTimeOffset PublishedAt { get; }

    /// <summary>Every watched repository, in configuration order.</summary>
    public ImmutableArray<RepositoryStatus> Repositories { get; }

    /// <summary>Every evaluation-result store, in registration order.</summary>
    public ImmutableArray<ResultStoreStatus> ResultStores { get; }

    /// <summary>Every change entry of every repository, newest first.</summary>
    public ImmutableArray<TimelineEntry> Timeline { get; }
}
