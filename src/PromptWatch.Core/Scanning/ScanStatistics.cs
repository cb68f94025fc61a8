namespace PromptWatch.Scanning;

/// <summary>What one scan did.</summary>
/// <param name="Incremental">Whether only commits since the previous scan were walked.</param>
/// <param name="CommitsWalked">Commits visited.</param>
/// <param name="FileVersions">File versions that differed from their parent's and were compared.</param>
/// <param name="BlobsParsed">File versions parsed (each distinct blob once per scan).</param>
/// <param name="NewEntries">Entries added by this scan.</param>
/// <param name="Duration">Wall-clock time of the scan.</param>
/// <param name="FullRescanReason">Why an incremental scan was not possible, when it was asked for.</param>
public sealed record ScanStatistics(
    bool Incremental,
    int CommitsWalked,
    int FileVersions,
    int BlobsParsed,
    int NewEntries,
    TimeSpan Duration,
    string? FullRescanReason);
