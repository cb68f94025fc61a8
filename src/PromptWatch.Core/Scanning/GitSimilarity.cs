namespace PromptWatch.Scanning;

/// <summary>
/// Git's own content similarity for rename and copy detection (the span-hash estimate of
/// <c>diffcore-delta</c>), so that following a file through renames picks the source
/// <c>git log --follow</c> picks.
/// </summary>
internal static class GitSimilarity
{
    /// <summary>Git's <c>MAX_SCORE</c>: a score of 100 %.</summary>
    public const int MaxScore = 60000;

    /// <summary>Git's default minimum score for renames and copies: 50 %.</summary>
    public const int DefaultMinimumScore = 30000;

    private const uint HashBase = 107927;
    private const int FirstFewBytes = 8000;

    /// <summary>Whether git treats <paramref name="content"/> as binary: a NUL byte in its first 8,000 bytes.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, FirstFewBytes)].Contains((byte)0);

    /// <summary>
    /// Whether a file of <paramref name="sourceSize"/> bytes may reach <paramref name="minimumScore"/>
    /// against one of <paramref name="destinationSize"/> bytes (git's size pre-check).
    /// </summary>
    public static bool SizesMayMatch(long sourceSize, long destinationSize, int minimumScore)
    {
        var max = Math.Max(sourceSize, destinationSize);
        var delta = max - Math.Min(sourceSize, destinationSize);
        return !(max * (MaxScore - minimumScore) < delta * MaxScore);
    }

    /// <summary>How much of <paramref name="destination"/> comes from <paramref name="source"/>, from 0 to <see cref="MaxScore"/>.</summary>
    public static int Score(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, int minimumScore = DefaultMinimumScore)
    {
        if (!SizesMayMatch(source.Length, destination.Length, minimumScore)) return 0;
        if (destination.Length == 0) return 0;

        var sourceSpans = SpanCounts(source);
        var destinationSpans = SpanCounts(destination);
        ulong copied = 0;
        foreach (var (hash, sourceCount) in sourceSpans)
        {
            if (destinationSpans.TryGetValue(hash, out var destinationCount)) copied += Math.Min(sourceCount, destinationCount);
        }

        ulong max = (ulong)Math.Max(source.Length, destination.Length);
        return (int)(copied * MaxScore / max);
    }

    /// <summary>Whether both paths end in the same file name (git's <c>basename_same</c>).</summary>
    public static bool BasenameSame(string source, string destination)
    {
        int s = source.Length, d = destination.Length;
        while (s > 0 && d > 0)
        {
            var c1 = source[--s];
            var c2 = destination[--d];
            if (c1 != c2) return false;
            if (c1 == '/') return true;
        }

        return (s == 0 || source[s - 1] == '/') && (d == 0 || destination[d - 1] == '/');
    }

    /// <summary>
    /// Byte counts per span hash: spans end at a new line or after 64 bytes; CR before LF is ignored in text.
    /// A final span without a new line counts too, as in git 2.43.2 and later (older git dropped it).
    /// </summary>
    private static Dictionary<uint, ulong> SpanCounts(ReadOnlySpan<byte> buffer)
    {
        var counts = new Dictionary<uint, ulong>();
        var isText = !IsBinary(buffer);
        uint accum1 = 0, accum2 = 0;
        var n = 0;
        for (var i = 0; i < buffer.Length; i++)
        {
            uint c = buffer[i];
            var old1 = accum1;
            if (isText && c == '\r' && i + 1 < buffer.Length && buffer[i + 1] == '\n') continue;

            accum1 = (accum1 << 7) ^ (accum2 >> 25);
            accum2 = (accum2 << 7) ^ (old1 >> 25);
            accum1 += c;
            if (++n < 64 && c != '\n') continue;
            Add(counts, unchecked(accum1 + (accum2 * 0x61)) % HashBase, n);
            n = 0;
            accum1 = accum2 = 0;
        }

        if (n > 0) Add(counts, unchecked(accum1 + (accum2 * 0x61)) % HashBase, n);
        return counts;

        static void Add(Dictionary<uint, ulong> counts, uint hash, int bytes) =>
            counts[hash] = counts.GetValueOrDefault(hash) + (ulong)bytes;
    }
}
