using PromptWatch.Parsing;

namespace PromptWatch.GitHub.Counting;

/// <summary>
/// File globs ignoring case (<see cref="FileGlob"/>): a glob without <c>/</c> is matched against the file name, one
/// with <c>/</c> against the whole path; <c>*</c> stays in one folder, <c>**</c> crosses folders, <c>?</c> is one character.
/// </summary>
internal sealed class PathGlobs
{
    private readonly (FileGlob Glob, bool WholePath)[] _globs;

    public PathGlobs(IEnumerable<string> globs)
    {
        _globs = [.. globs.Select(static g => (new FileGlob(g, ignoreCase: true), g.Contains('/', StringComparison.Ordinal)))];
    }

    public bool IsMatch(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return _globs.Any(g => g.Glob.IsMatch(g.WholePath ? path : name));
    }
}
