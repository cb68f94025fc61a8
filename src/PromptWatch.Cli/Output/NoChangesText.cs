using PromptWatch.Scanning;

namespace PromptWatch.Cli.Output;

/// <summary>What <c>scan</c> prints when the watched files hold no change: each file, whether it exists at the tip and how many use cases it holds, and how to watch others.</summary>
internal static class NoChangesText
{
    public static string Render(HistoryScan scan)
    {
        var files = scan.WatchedFiles.Select(static f => f.Exists
            ? $"{TerminalText.Escape(f.Path)} ({TerminalText.Escape(f.Environment)}, exists, {(f.UseCases == 1 ? "1 use case" : f.UseCases + " use cases")})"
            : $"{TerminalText.Escape(f.Path)} ({TerminalText.Escape(f.Environment)}, missing)");
        return $"No changes found in the watched files: {string.Join(", ", files)}; name others with --file <path>=<env>.\n";
    }
}
