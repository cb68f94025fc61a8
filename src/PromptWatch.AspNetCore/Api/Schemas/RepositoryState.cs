using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>A watched repository and how its last refresh went, as <c>api/repositories</c> lists it.</summary>
internal sealed record RepositoryState(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("branch")] string? Branch,
    [property: JsonPropertyName("tip_sha")] string? TipSha,
    [property: JsonPropertyName("last_scan")] DateTimeOffset? LastScan,
    [property: JsonPropertyName("last_attempt")] DateTimeOffset? LastAttempt,
    [property: JsonPropertyName("last_fetch")] DateTimeOffset? LastFetch,
    [property: JsonPropertyName("last_scan_ok")] bool LastScanOk,
    [property: JsonPropertyName("scanning")] bool Scanning,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("fetch_warning")] string? FetchWarning,
    [property: JsonPropertyName("poll_interval_seconds")] double PollIntervalSeconds,
    [property: JsonPropertyName("changes")] int Changes,
    [property: JsonPropertyName("watched_files")] IReadOnlyList<WatchedFileState> WatchedFiles);
