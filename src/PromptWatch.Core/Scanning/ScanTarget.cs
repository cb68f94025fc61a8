using PromptWatch.Model;

namespace PromptWatch.Scanning;

/// <summary>What to scan in a repository: a branch and the files to follow on it.</summary>
/// <param name="Branch">A local branch name, a remote-tracking branch (<c>origin/main</c>), or any revision git understands.</param>
/// <param name="Files">The watched files and their environments.</param>
public sealed record ScanTarget(string Branch, IReadOnlyList<WatchedFile> Files);
