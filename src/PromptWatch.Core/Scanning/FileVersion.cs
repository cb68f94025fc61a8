using LibGit2Sharp;

namespace PromptWatch.Scanning;

/// <summary>A commit in which a watched file differs from its parent; <see cref="BlobId"/> is <see langword="null"/> when the file is gone.</summary>
internal readonly record struct FileVersion(Commit Commit, int File, string Path, ObjectId? BlobId);
