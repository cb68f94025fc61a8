using PromptWatch.Scanning;

namespace PromptWatch.Hosting;

/// <summary>How the last refreshes of one watched repository went.</summary>
/// <param name="Name">The repository's name.</param>
/// <param name="DisplayName">Its path or URL, without credentials.</param>
/// <param name="Branch">The branch scanned, once known.</param>
/// <param name="TipSha">The commit the last successful scan ended at.</param>
/// <param name="PollInterval">How often it is refreshed.</param>
/// <param name="LastAttempt">When the last refresh ended, successful or not.</param>
/// <param name="LastSuccess">When the last successful refresh ended.</param>
/// <param name="LastFetch">When the last successful fetch ended (a local repository without remotes counts as fetched).</param>
/// <param name="LastRefreshOk">Whether the last refresh succeeded.</param>
/// <param name="LastError">Why the last refresh failed, without secrets.</param>
/// <param name="FetchWarning">Why the remote of a local repository could not be fetched, when it could not (its local state was still scanned).</param>
/// <param name="Changes">The number of change entries of the last successful scan.</param>
public sealed record RepositoryStatus(
    string Name,
    string DisplayName,
    string? Branch,
    string? TipSha,
    TimeSpan PollInterval,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastFetch,
    bool LastRefreshOk,
    string? LastError,
    string? FetchWarning,
    int Changes)
{
    /// <summary>The watched files at the tip the last successful scan ended at (whether each exists, how many use cases it holds); empty before it.</summary>
    public IReadOnlyList<WatchedFileStatus> WatchedFiles { get; init; } = [];

    /// <summary>Whether a successful scan found none of the watched files at its tip.</summary>
    public bool NoWatchedFileExists => WatchedFiles.Count > 0 && WatchedFiles.All(static f => !f.Exists);
}
