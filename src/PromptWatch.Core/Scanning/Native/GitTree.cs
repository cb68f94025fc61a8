namespace PromptWatch.Scanning.Native;

/// <summary>Finds an entry in a tree object's bytes (entries of <c>&lt;octal mode&gt; &lt;name&gt;\0&lt;20-byte id&gt;</c>), with the file mode libgit2 gives.</summary>
internal static class GitTree
{
    private const int TypeBits = 0xF000;
    private const int TreeMode = 0x4000;
    private const int CommitMode = 0xE000;
    private const int LinkMode = 0xA000;

    /// <summary>
    /// Finds the entry named <paramref name="name"/> (<see langword="null"/> when there is none); false when the tree's
    /// bytes are not well formed up to that entry.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> tree, ReadOnlySpan<byte> name, out (GitOid Id, int Mode)? entry)
    {
        entry = null;
        while (!tree.IsEmpty)
        {
            var space = tree.IndexOf((byte)' ');
            if (space <= 0) return false;
            var mode = 0;
            foreach (var digit in tree[..space])
            {
                if (digit is < (byte)'0' or > (byte)'7' || mode > 0x7FFFFF) return false;
                mode = (mode << 3) | (digit - '0');
            }

            var rest = tree[(space + 1)..];
            var nul = rest.IndexOf((byte)0);
            if (nul <= 0 || rest.Length < nul + 1 + 20) return false;
            if (rest[..nul].SequenceEqual(name))
            {
                entry = (System.Runtime.InteropServices.MemoryMarshal.Read<GitOid>(rest[(nul + 1)..]), Normalize(mode));
                return true;
            }

            tree = rest[(nul + 1 + 20)..];
        }

        return true;
    }

    public static bool IsTree(int mode) => mode == TreeMode;

    /// <summary>A blob entry: a file or a symbolic link (libgit2 gives both the blob type).</summary>
    public static bool IsBlob(int mode) => (mode & TypeBits) is 0x8000 or LinkMode;

    /// <summary>The mode as libgit2 normalizes it when it parses a tree.</summary>
    private static int Normalize(int mode)
    {
        if ((mode & TypeBits) == TreeMode) return TreeMode;
        if ((mode & 0x49) != 0) return 0x81ED; // 100755
        if ((mode & TypeBits) == CommitMode) return CommitMode;
        if ((mode & TypeBits) == LinkMode) return LinkMode;
        return 0x81A4; // 100644
    }
}
