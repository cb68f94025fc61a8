namespace PromptWatch.Scanning;

/// <summary>Limits of the <see cref="HistoryScanner"/>.</summary>
public sealed class HistoryScannerOptions
{
    /// <summary>Largest file version read; a larger one gets an error entry instead, and is never compared when following renames. Default 1 MiB.</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;
}
