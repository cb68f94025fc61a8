using System.Reflection;
using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace PromptWatch.Scanning.Native;

/// <summary>
/// The few libgit2 functions the history walk calls directly, on the native library LibGit2Sharp
/// ships and has already initialized. Going around LibGit2Sharp's object wrappers here keeps a walk
/// of 100k commits free of managed allocations per commit.
/// </summary>
internal static unsafe partial class Libgit2
{
    public const int NotFound = -3;
    public const int ObjectCommit = 1;
    public const int ObjectTree = 2;
    public const int ObjectBlob = 3;
    private const string Library = "promptwatch-libgit2";

    static Libgit2()
    {
        NativeLibrary.SetDllImportResolver(typeof(Libgit2).Assembly, Resolve);
    }

    /// <summary>Makes sure libgit2 is loaded and initialized (by LibGit2Sharp) before the first call.</summary>
    public static void EnsureInitialized() => _ = GlobalSettings.Version;

    // git_libgit2_opt_t (git2/common.h).
    private const int OptGetMWindowMappedLimit = 2;
    private const int OptSetMWindowMappedLimit = 3;
    private const int OptSetCacheMaxSize = 7;
    private const int OptGetCachedMemory = 9;
    private const int OptEnableStrictHashVerification = 22;
    private const int OptGetMWindowFileLimit = 29;
    private const int OptSetMWindowFileLimit = 30;

    /// <summary>
    /// Sets libgit2's process-wide bounds on mapped pack files, open pack files and cached objects (LibGit2Sharp does not
    /// expose them); a failure names the option.
    /// </summary>
    public static void ApplyMemoryLimits(Hosting.GitMemoryOptions options)
    {
        EnsureInitialized();
        Check(git_libgit2_opts(OptSetMWindowMappedLimit, (nuint)options.MappedPackBytes), "the mapped pack limit");
        Check(git_libgit2_opts(OptSetMWindowFileLimit, (nuint)options.MaxOpenPackFiles), "the open pack file limit");
        Check(git_libgit2_opts(OptSetCacheMaxSize, (nint)options.ObjectCacheBytes), "the object cache size");
    }

    /// <summary>libgit2's current bounds, as <see cref="ApplyMemoryLimits"/> sets them (mapped pack bytes, open pack files, object cache bytes).</summary>
    public static (long MappedPackBytes, long MaxOpenPackFiles, long ObjectCacheBytes) MemoryLimits()
    {
        EnsureInitialized();
        Check(git_libgit2_opts(OptGetMWindowMappedLimit, out nuint mapped), "the mapped pack limit");
        Check(git_libgit2_opts(OptGetMWindowFileLimit, out nuint files), "the open pack file limit");
        Check(git_libgit2_opts(OptGetCachedMemory, out nint _, out nint allowed), "the object cache size");
        return ((long)mapped, (long)files, allowed);
    }

    /// <summary>
    /// Stops libgit2 from hashing every object it reads to check it against its id (process-wide; git itself does not
    /// either when it reads objects, <c>git fsck</c> does). Compressed objects are still checked by zlib's checksum.
    /// </summary>
    public static void SkipHashVerificationOnRead()
    {
        EnsureInitialized();
        Check(git_libgit2_opts(OptEnableStrictHashVerification, (nint)0), "strict hash verification");
    }

    private static void Check(int result, string what)
    {
        if (result != 0) throw new LibGit2SharpException($"libgit2 refused to set or read {what} (error {result}).");
    }

    // git_libgit2_opts is variadic; each declaration passes one fixed shape of integer arguments, as LibGit2Sharp's own do.
    [LibraryImport(Library, EntryPoint = "git_libgit2_opts")]
    private static partial int git_libgit2_opts(int option, nuint value);

    [LibraryImport(Library, EntryPoint = "git_libgit2_opts")]
    private static partial int git_libgit2_opts(int option, nint value);

    [LibraryImport(Library, EntryPoint = "git_libgit2_opts")]
    private static partial int git_libgit2_opts(int option, out nuint value);

    [LibraryImport(Library, EntryPoint = "git_libgit2_opts")]
    private static partial int git_libgit2_opts(int option, out nint current, out nint allowed);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int git_repository_open(out nint repository, string path);

    [LibraryImport(Library)]
    public static partial void git_repository_free(nint repository);

    [LibraryImport(Library)]
    public static partial int git_commit_lookup(out nint commit, nint repository, in GitOid id);

    [LibraryImport(Library)]
    public static partial void git_commit_free(nint commit);

    [LibraryImport(Library)]
    public static partial long git_commit_time(nint commit);

    [LibraryImport(Library)]
    public static partial uint git_commit_parentcount(nint commit);

    [LibraryImport(Library)]
    public static partial GitOid* git_commit_parent_id(nint commit, uint n);

    [LibraryImport(Library)]
    public static partial GitOid* git_commit_tree_id(nint commit);

    [LibraryImport(Library)]
    public static partial int git_tree_lookup(out nint tree, nint repository, in GitOid id);

    [LibraryImport(Library)]
    public static partial void git_tree_free(nint tree);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int git_tree_entry_bypath(out nint entry, nint root, string path);

    [LibraryImport(Library)]
    public static partial GitOid* git_tree_entry_id(nint entry);

    [LibraryImport(Library)]
    public static partial int git_tree_entry_type(nint entry);

    [LibraryImport(Library)]
    public static partial int git_tree_entry_filemode(nint entry);

    [LibraryImport(Library)]
    public static partial void git_tree_entry_free(nint entry);

    [LibraryImport(Library)]
    public static partial int git_blob_lookup(out nint blob, nint repository, in GitOid id);

    [LibraryImport(Library)]
    public static partial void git_blob_free(nint blob);

    [LibraryImport(Library)]
    public static partial void* git_blob_rawcontent(nint blob);

    [LibraryImport(Library)]
    public static partial long git_blob_rawsize(nint blob);

    [LibraryImport(Library)]
    public static partial int git_repository_odb(out nint odb, nint repository);

    [LibraryImport(Library)]
    public static partial void git_odb_free(nint odb);

    [LibraryImport(Library)]
    public static partial int git_odb_read_header(out nuint size, out int type, nint odb, in GitOid id);

    [LibraryImport(Library)]
    public static partial int git_repository_is_shallow(nint repository);

    [LibraryImport(Library)]
    public static partial byte* git_commit_message(nint commit);

    [LibraryImport(Library)]
    public static partial GitSignature* git_commit_author(nint commit);

    [LibraryImport(Library)]
    public static partial GitSignature* git_commit_committer(nint commit);

    /// <summary>libgit2's <c>git_signature</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct GitSignature
    {
        public byte* Name;
        public byte* Email;
        public long Time;
        public int OffsetMinutes;
        public byte Sign;
    }

    /// <summary>Resolves this class's library name to the libgit2 LibGit2Sharp loads (its name carries a build hash).</summary>
    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library) return 0;
        var libGit2Sharp = typeof(Repository).Assembly;
        // Named with its assembly as a literal, so that trimming and Native AOT keep the field this reads.
        var nativeName = Type.GetType("LibGit2Sharp.Core.NativeMethods, LibGit2Sharp")
            ?.GetField("libgit2", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            ?.GetRawConstantValue() as string
            ?? throw new DllNotFoundException("The libgit2 library name could not be read from LibGit2Sharp.");
        EnsureInitialized();
        if (GlobalSettings.NativeLibraryPath is { Length: > 0 } folder
            && NativeLibrary.TryLoad(Path.Combine(folder, "lib" + nativeName + ".so"), out var fromFolder))
        {
            return fromFolder;
        }

        return NativeLibrary.Load(nativeName, libGit2Sharp, searchPath);
    }
}
