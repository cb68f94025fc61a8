using LibGit2Sharp;
using PromptWatch.Model;
using PromptWatch.Parsing;

namespace PromptWatch.Cli.Commands;

/// <summary>
/// <c>--file</c> paths with <c>*</c>, <c>**</c> or <c>?</c> stand for every file they match at the branch tip, each with the
/// given environment; the environment <c>*</c> takes the part of the file name the pattern's <c>*</c> matched
/// (<c>chart/values-*.yaml=*</c> watches <c>chart/values-prod.yaml</c> as <c>prod</c>), or the file name without its extension.
/// </summary>
internal static class WatchedFileGlobs
{
    /// <summary>The environment that is taken from each matched file's name.</summary>
    public const string FromName = "*";

    /// <summary>Whether a path is a pattern rather than one file.</summary>
    public static bool IsPattern(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>The watched files with every pattern replaced by the files it matches in <paramref name="tip"/>.</summary>
    /// <exception cref="PromptWatchException">A pattern matches no file.</exception>
    public static IReadOnlyList<WatchedFile> Expand(IReadOnlyList<WatchedFile> files, Repository repository, string branch)
    {
        if (!files.Any(static f => IsPattern(f.Path))) return files;
        // A branch that does not resolve is left to the scan, which says so.
        if ((repository.Branches[branch]?.Tip ?? repository.Lookup(branch) as Commit) is not { } tip) return files;
        var paths = new List<string>();
        Collect(tip.Tree, "", paths);
        var expanded = new List<WatchedFile>();
        foreach (var file in files)
        {
            if (!IsPattern(file.Path))
            {
                expanded.Add(file);
                continue;
            }

            var glob = new FileGlob(file.Path);
            var matches = paths.Where(glob.IsMatch).Order(StringComparer.Ordinal).ToList();
            if (matches.Count == 0) throw new PromptWatchException($"--file {file.Path} matches no file on {branch}.");
            expanded.AddRange(matches.Select(path => new WatchedFile(path, file.Environment == FromName ? EnvironmentOf(file.Path, path) : file.Environment)));
        }

        return [.. expanded.DistinctBy(static f => f.Path, StringComparer.Ordinal)];
    }

    private static string EnvironmentOf(string pattern, string path)
    {
        var patternName = pattern[(pattern.LastIndexOf('/') + 1)..];
        var name = path[(path.LastIndexOf('/') + 1)..];
        var star = patternName.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && patternName.IndexOf('*', star + 1) < 0 && patternName.IndexOf('?', StringComparison.Ordinal) < 0)
        {
            var prefix = patternName[..star];
            var suffix = patternName[(star + 1)..];
            if (name.Length > prefix.Length + suffix.Length) return name[prefix.Length..^suffix.Length];
        }

        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static void Collect(Tree tree, string prefix, List<string> paths)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree) Collect((Tree)entry.Target, path + "/", paths);
            else if (entry.TargetType == TreeEntryTargetType.Blob) paths.Add(path);
        }
    }
}
