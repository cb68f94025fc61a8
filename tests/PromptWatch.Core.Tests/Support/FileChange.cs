using System.Text;

namespace PromptWatch.Tests.Support;

/// <summary>One file written or deleted by a commit of a <see cref="FastImportScript"/>.</summary>
/// <param name="Path">Repository-relative path with forward slashes.</param>
/// <param name="Content">The new bytes, or <see langword="null"/> to delete the file.</param>
public sealed record FileChange(string Path, byte[]? Content)
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte order mark), line endings as given.</summary>
    public static FileChange Write(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes <paramref name="content"/> as is.</summary>
    public static FileChange Write(string path, byte[] content) => new(path, content);

    /// <summary>Deletes the file.</summary>
    public static FileChange Delete(string path) => new(path, null);
}
