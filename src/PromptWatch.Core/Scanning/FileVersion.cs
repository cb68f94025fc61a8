using PromptWatch.Scanning.Native;

namespace PromptWatch.Scanning;

/// <summary>A commit in which a watched file differs from its parent; <see cref="Blob"/> is <see langword="null"/> when the file is gone.</summary>
internal readonly record struct FileVersion(GitOid Commit, int File, string Path, GitOid? Blob);
