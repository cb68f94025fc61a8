using PromptWatch.Cli.Output;
using PromptWatch.Model;
using PromptWatch.Repositories;
using PromptWatch.Scanning;

namespace PromptWatch.Cli.Commands;

/// <summary>Opens (or clones and fetches) a repository and scans it once.</summary>
internal static class ScanSession
{
    /// <summary>The scan, and the watched files with <c>--file</c> patterns expanded at the branch tip.</summary>
    /// <param name="inspect">Called with the open repository and the scan before the repository is closed (for example to resolve revisions).</param>
    public static async Task<(HistoryScan Scan, IReadOnlyList<WatchedFile> Files)> RunAsync(RepositorySourceOptions options, IReadOnlyList<WatchedFile> files, TextWriter error, CancellationToken cancellationToken, Action<RepositoryUpdate, HistoryScan>? inspect = null)
    {
        using var source = RepositorySource.Create(options);
        var update = await source.UpdateAsync(cancellationToken);
        if (update.FetchWarning is { } warning) await error.WriteLineAsync("warning: " + TerminalText.Escape(warning));

        files = WatchedFileGlobs.Expand(files, update.Repository, update.Branch);
        var scan = new HistoryScanner().Scan(update.Repository, new ScanTarget(update.Branch, files), previous: null, cancellationToken);
        if (scan.Entries.IsEmpty && scan.WatchedFiles.All(static f => !f.Exists))
        {
            throw new PromptWatchException(
                $"None of the watched files ({string.Join(", ", files.Select(static f => f.Path))}) exist in {source.DisplayName} on {update.Branch}; name them with --file <path>=<env>.");
        }

        inspect?.Invoke(update, scan);
        return (scan, files);
    }
}
