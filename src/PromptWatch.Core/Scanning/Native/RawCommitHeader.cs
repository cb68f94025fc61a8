namespace PromptWatch.Scanning.Native;

/// <summary>
/// Reads what the walk needs (root tree, parents, committer time) straight from a commit object's bytes, as libgit2
/// parses them: a <c>tree</c> line first, then every <c>parent</c> line, and the time after the committer's
/// <c>&lt;email&gt;</c>. Anything else is left to libgit2's own parser (the answer is then <see langword="false"/>).
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
        if (end < 0 || !TryReadTime(raw[..end], out var time)) return false;
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

    /// <summary>The seconds after the last <c>&gt;</c> of a committer line (<c>committer Name &lt;email&gt; 1700000000 +0100</c>).</summary>
    private static bool TryReadTime(ReadOnlySpan<byte> line, out long time)
    {
        time = 0;
        var close = line.LastIndexOf((byte)'>');
        if (close < 0) return false;
        var rest = line[(close + 1)..];
        if (rest.IsEmpty || rest[0] != (byte)' ') return false;
        rest = rest[1..];
        var digits = 0;
        while (digits < rest.Length && rest[digits] is >= (byte)'0' and <= (byte)'9') digits++;
        // Up to 18 digits cannot overflow; a time zone follows after one space.
        if (digits is 0 or > 18 || rest.Length < digits + 2 || rest[digits] != (byte)' ') return false;
        var zone = rest[(digits + 1)..];
        if (zone.Length != 5 || zone[0] is not ((byte)'+' or (byte)'-')) return false;
        foreach (var c in rest[..digits]) time = (time * 10) + (c - '0');
        return true;
    }
}
