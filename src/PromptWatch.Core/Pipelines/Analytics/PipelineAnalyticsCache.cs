namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// The analytics' reads of one store version, per repository filter (all repositories, or one, case-insensitive) and
/// per kind (runs alone, or runs and jobs): a
/// read is started once and shared by the requests that come while it runs; at most <see cref="MaxEntries"/> filters
/// are kept, all are dropped when the store's version changes, and a read that failed is not kept.
/// </summary>
internal sealed class PipelineAnalyticsCache
{
    public const int MaxEntries = 16;

    private readonly Lock gate = new();
    private readonly Dictionary<string, (DateTimeOffset Since, Task<PipelineAnalyticsData> Read)> entries = new(StringComparer.OrdinalIgnoreCase);
    private long version;

    /// <summary>
    /// What is read (or being read) under <paramref name="storeVersion"/> for <paramref name="repository"/> (with jobs or not) since
    /// <paramref name="since"/> or earlier; else starts <paramref name="read"/> and keeps it, unless a newer version is
    /// kept already (versions only grow).
    /// </summary>
    public Task<PipelineAnalyticsData> GetOrRead(long storeVersion, string? repository, bool withJobs, DateTimeOffset since, Func<Task<PipelineAnalyticsData>> read)
    {
        var key = (withJobs ? "jobs" : "runs") + Key(repository);
        lock (gate)
        {
            if (storeVersion == version && entries.TryGetValue(key, out var kept) && kept.Since <= since && !kept.Read.IsFaulted && !kept.Read.IsCanceled) return kept.Read;
            var started = read();
            // A slower reader of an older version keeps nothing.
            if (storeVersion < version) return started;
            if (storeVersion != version || entries.Count >= MaxEntries)
            {
                entries.Clear();
                version = storeVersion;
            }

            entries[key] = (since, started);
            return started;
        }
    }

    // All repositories and one repository never share a key: a name is never empty after the marker.
    private static string Key(string? repository) => repository is null ? "*" : "=" + repository;
}
