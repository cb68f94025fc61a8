using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Scanning;

/// <summary>
/// The immutable result of scanning a branch: every change entry, oldest first, and what is needed to
/// continue incrementally from it. Pass it back to <see cref="HistoryScanner.Scan"/> as the previous scan.
/// </summary>
public sealed class HistoryScan
{
    internal HistoryScan(ScanTarget target, string tipSha, ImmutableArray<ChangeEntry> entries, ScanStatistics statistics, UseCaseTracker tracker, ImmutableArray<WatchedFileStatus> watchedFiles)
    {
        WatchedFiles = watchedFiles;
        Target = target;
        TipSha = tipSha;
        Entries = entries;
        Statistics = statistics;
        Tracker = tracker;
    }

    /// <summary>The branch and files scanned.</summary>
    public ScanTarget Target { get; }

    /// <summary>The commit the branch pointed at.</summary>
    public string TipSha { get; }

    /// <summary>Every entry, oldest first, in the order the history was read.</summary>
    public ImmutableArray<ChangeEntry> Entries { get; }

    /// <summary>Every entry, newest first: the timeline.</summary>
    public IEnumerable<ChangeEntry> Timeline
    {
        get
        {
            for (var i = Entries.Length - 1; i >= 0; i--) yield return Entries[i];
        }
    }

    /// <summary>Each watched file, in the order of <see cref="ScanTarget.Files"/>: whether it exists at the tip and how many use cases it holds there.</summary>
    public ImmutableArray<WatchedFileStatus> WatchedFiles { get; }

    /// <summary>What the scan that produced this result did.</summary>
    public ScanStatistics Statistics { get; }

    internal UseCaseTracker Tracker { get; }
}
