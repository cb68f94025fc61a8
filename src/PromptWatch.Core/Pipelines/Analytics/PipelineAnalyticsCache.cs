namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// The analytics' reads of one store version, per repository filter (all repositories, or one, case-insensitive):
/// at most <see cref="MaxEntries"/> filters are kept, and all are dropped when the store's version changes.
/// </summary>
internal sealed class PipelineAnalyticsCache
{
    public const int MaxEntries = 16;

    private readonly Lock gate = new();
    private readonly Dictionary<string, PipelineAnalyticsData> entries = new(StringComparer.OrdinalIgnoreCase);
    private long version;

    /// <summary>What was read under <paramref name="storeVersion"/> for <paramref name="repository"/>, if it covers <paramref name="since"/>.</summary>
    public PipelineAnalyticsData? Find(long storeVersion, string? repository, DateTimeOffset since)
    {
        lock (gate)
        {
            return storeVersion == version && entries.TryGetValue(Key(repository), out var data) && data.Since <= since ? data : null;
        }
    }

    /// <summary>Keeps what was read under <paramref name="storeVersion"/>, dropping what an older version left (versions only grow).</summary>
    public void Keep(long storeVersion, string? repository, PipelineAnalyticsData data)
    {
        lock (gate)
        {
            // A slower reader of an older version keeps nothing.
            if (storeVersion < version) return;
            if (storeVersion != version || entries.Count >= MaxEntries)
            {
                entries.Clear();
                version = storeVersion;
            }

            entries[Key(repository)] = data;
        }
    }

    // All repositories and one repository never share a key: a name is never empty after the marker.
    private static string Key(string? repository) => repository is null ? "*" : "=" + repository;
}
