namespace PromptWatch.Hosting;

/// <summary>
/// Bounds on libgit2's native memory, which a full garbage collection does not return: the pack files it maps and the
/// objects it caches. libgit2 keeps one setting for the whole process, so the values apply to every repository and
/// workspace in it; the last host to start in a process sets them. Bound from <c>PromptWatch:Git</c>. A full scan's own
/// read-only mapping of a repository's pack files (the scanner reads packs itself) is not counted here; it lasts as
/// long as the scan.
/// </summary>
public sealed class GitMemoryOptions
{
    /// <summary>
    /// The most bytes of pack files mapped at once, over all repositories; the least recently used windows are unmapped
    /// beyond it. Default 256 MiB (libgit2's own is 8 GiB); at least 16 MiB.
    /// </summary>
    public long MappedPackBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The most pack files kept open at once, over all repositories. Default 256 (libgit2's own: no limit); at least 16.</summary>
    public int MaxOpenPackFiles { get; set; } = 256;

    /// <summary>
    /// The most bytes of parsed objects cached, over all repositories. Default 64 MiB (libgit2's own is 256 MiB); at
    /// least 1 MiB. The scanner reads each blob once, so a small cache costs it nothing.
    /// </summary>
    public long ObjectCacheBytes { get; set; } = 64L * 1024 * 1024;

    internal IEnumerable<string> Validate(string section)
    {
        if (MappedPackBytes < 16L * 1024 * 1024) yield return $"{section}:MappedPackBytes must be at least 16 MiB (16777216).";
        if (MaxOpenPackFiles < 16) yield return $"{section}:MaxOpenPackFiles must be at least 16.";
        if (ObjectCacheBytes < 1024 * 1024) yield return $"{section}:ObjectCacheBytes must be at least 1 MiB (1048576).";
    }
}
