using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace PromptWatch.Scanning.Native;

/// <summary>
/// <c>git_repository_discover</c>, called directly. LibGit2Sharp's <see cref="Repository.Discover"/> receives the path
/// in a class that the runtime pins and libgit2 fills in place; Native AOT marshals that class by copy, into the call
/// only, so there it found no repository anywhere. A struct passed by pointer is the same under both.
/// </summary>
internal static unsafe partial class Libgit2
{
    /// <summary>The Git folder of the repository at or above <paramref name="startPath"/>, as <see cref="Repository.Discover"/> answers (the same call: not across file systems, no ceiling), or <see langword="null"/>.</summary>
    /// <exception cref="LibGit2SharpException">libgit2 failed for another reason than finding no repository.</exception>
    public static string? Discover(string startPath)
    {
        // Any call into LibGit2Sharp's own interop initializes libgit2 (reading the version alone does not).
        _ = GlobalSettings.Version.Features;
        GitBuffer buffer = default;
        try
        {
            var result = git_repository_discover(&buffer, startPath, 0, null);
            if (result == NotFound) return null;
            if (result != 0) throw new LibGit2SharpException(LastErrorMessage() ?? $"libgit2 could not discover a repository (error {result}).");
            return Marshal.PtrToStringUTF8((nint)buffer.Pointer, (int)buffer.Size);
        }
        finally
        {
            git_buf_dispose(&buffer);
        }
    }

    private static string? LastErrorMessage()
    {
        var error = git_error_last();
        return error == null || error->Message == null ? null : Marshal.PtrToStringUTF8((nint)error->Message);
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int git_repository_discover(GitBuffer* output, string startPath, int acrossFileSystems, string? ceilingDirectories);

    [LibraryImport(Library)]
    private static partial void git_buf_dispose(GitBuffer* buffer);

    [LibraryImport(Library)]
    private static partial GitError* git_error_last();

    /// <summary>libgit2's <c>git_buf</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitBuffer
    {
        public byte* Pointer;
        public nuint Reserved;
        public nuint Size;
    }

    /// <summary>libgit2's <c>git_error</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitError
    {
        public byte* Message;
        public int Class;
    }
}
