using PromptWatch.Hosting;
using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>A watched repository's environments: those of its watched files in configuration order (the default files' before a first scan).</summary>
internal static class RepositoryEnvironments
{
    public static List<string> Of(RepositoryStatus status)
    {
        var files = status.WatchedFiles.Count > 0 ? status.WatchedFiles.Select(static f => f.Environment) : WatchedFile.Defaults.Select(static f => f.Environment);
        return [.. files.Distinct(StringComparer.Ordinal)];
    }
}
