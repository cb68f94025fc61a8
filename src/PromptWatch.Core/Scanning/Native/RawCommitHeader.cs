namespace PromptWatch.Scanning.Native;

/// <summary>
/// Reads what the walk needs (root tree, parents, committer time) straight from a commit object's bytes, as libgit2
/// parses them: a <c>tree</c> line first, then every <c>parent</c> line, and the committer's time (read as
/// <see cref="RawCommitInfo"/> reads a signature). Anything else is left to libgit2's own parser (the answer is then <see langword="false"/>).
/// </summary>
internal static class RawCommitHeader
{
    private const int HexLength = 40;

    /// <summary>Parses <paramref name="raw"/>, adding the parents to <paramref name="parents"/> (cleared first).</summary>
    public static bool TryParse(ReadOnlySpan<byte> raw, List<GitOid> parents, out CommitHeader header)
    {
        header = default;
        parents.Clear();
        if (!TryReadId(ref raw, "tree "u8, out var tree)) return false;
        while (raw.StartsWith("parent "u8))
        {
            if (!TryReadId(ref raw, "parent "u8, out var parent)) return false;
            parents.Add(parent);
        }

        // One author line or more (libgit2 ignores extra ones), then the committer's.
        var authors = 0;
        while (raw.StartsWith("author "u8) && SkipLine(ref raw)) authors++;
        if (authors == 0 || !raw.StartsWith("committer "u8)) return false;
        var end = raw.IndexOf((byte)'\n');
        if (end < 0 || !RawCommitInfo.TryReadSignature(raw["committer "u8.Length..end], out _, out _, out var time, out _)) return false;
        header = new CommitHeader(time, tree);
        return true;
    }

    private static bool SkipLine(ref ReadOnlySpan<byte> raw)
    {
        var end = raw.IndexOf((byte)'\n');
        if (end < 0) return false;
        raw = raw[(end + 1)..];
        return true;
    }

    private static bool TryReadId(ref ReadOnlySpan<byte> raw, ReadOnlySpan<byte> prefix, out GitOid id)
    {
        id = default;
        if (!raw.StartsWith(prefix) || raw.Length < prefix.Length + HexLength + 1 || raw[prefix.Length + HexLength] != (byte)'\n') return false;
        Span<byte> bytes = stackalloc byte[HexLength / 2];
        var hex = raw.Slice(prefix.Length, HexLength);
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[(2 * i) + 1]);
            if ((high | low) < 0) return false;
            bytes[i] = (byte)((high << 4) | low);
        }

        id = System.Runtime.InteropServices.MemoryMarshal.Read<GitOid>(bytes);
        raw = raw[(prefix.Length + HexLength + 1)..];
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
