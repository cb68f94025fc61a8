using System.Collections.Concurrent;
using PromptWatch.Model;

namespace PromptWatch.Parsing;

/// <summary>
/// Parses a values file one top-level block at a time and remembers each block by its bytes, so that a
/// new version of a file re-parses only the blocks that changed. A segment starts at every line that
/// begins in the first column with a key (not a space, tab, comment, <c>-</c>, <c>.</c> or <c>%</c>).
/// Whenever the segments could mean something else together than apart (an error in a segment, a
/// flow-style or indented root, a key in two segments, aliases across segments, the alias-expansion
/// limit), the caller parses the whole document instead, so results and error positions are the same.
/// </summary>
/// <remarks>
/// The cache keeps two generations of at most half the capacity each: a hit in the older generation
/// moves the segment to the newer one, and when the newer one is full it becomes the older one. Segments
/// still in use survive, whatever the length of the history.
/// </remarks>
internal sealed class ValuesSegmentCache
{
    private readonly int _generationSize;
    private readonly Lock _swap = new();
    private Generations _generations = new(NewGeneration(), NewGeneration());

    public ValuesSegmentCache(int capacity)
    {
        _generationSize = capacity / 2;
    }

    /// <summary>The parsed file, or <see langword="null"/> when the whole document must be parsed.</summary>
    public ParsedConfig? TryParse(ReadOnlySpan<byte> content, HelmValuesParser parser)
    {
        if (_generationSize <= 0) return null;
        Span<Range> bounds = stackalloc Range[64];
        var count = Split(content, bounds);
        if (count < 2 || count > bounds.Length) return null;

        var keys = new List<string>(count + 4);
        var useCases = new List<KeyValuePair<string, UseCaseState>>(count);
        long expanded = 1;
        for (var i = 0; i < count; i++)
        {
            var bytes = content[bounds[i]];
            var segment = Find(bytes);
            if (segment is null)
            {
                segment = parser.ParseSegment(System.Text.Encoding.UTF8.GetString(bytes));
                if (segment is null) return null;
                Remember(bytes.ToArray(), segment);
            }

            foreach (var key in segment.Keys)
            {
                // Few keys per file: a linear search allocates nothing.
                if (keys.Contains(key, StringComparer.Ordinal)) return null;
                keys.Add(key);
            }

            useCases.AddRange(segment.UseCases);
            expanded += segment.ExpandedSize - 1;
        }

        return expanded > parser.Options.MaxExpandedNodes ? null : ParsedConfig.Success(useCases);
    }

    private ValuesSegment? Find(ReadOnlySpan<byte> bytes)
    {
        var generations = _generations;
        if (generations.Current.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(bytes, out var segment)) return segment;
        if (!generations.Previous.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(bytes, out var key, out segment)) return null;
        Remember(key, segment);
        return segment;
    }

    private void Remember(byte[] key, ValuesSegment segment)
    {
        var generations = _generations;
        if (generations.Current.Count >= _generationSize)
        {
            lock (_swap)
            {
                if (ReferenceEquals(generations, _generations)) _generations = new(NewGeneration(), generations.Current);
                generations = _generations;
            }
        }

        generations.Current.TryAdd(key, segment);
    }

    private static ConcurrentDictionary<byte[], ValuesSegment> NewGeneration() => new(ByteContentComparer.Instance);

    private sealed record Generations(ConcurrentDictionary<byte[], ValuesSegment> Current, ConcurrentDictionary<byte[], ValuesSegment> Previous);

    /// <summary>Splits the content at lines that start a top-level key; returns the number of segments (more than <paramref name="bounds"/> holds when there are too many).</summary>
    private static int Split(ReadOnlySpan<byte> content, Span<Range> bounds)
    {
        var count = 0;
        var start = 0;
        var lineStart = 0;
        while (lineStart < content.Length)
        {
            if (lineStart > 0 && StartsSegment(content[lineStart]))
            {
                if (count == bounds.Length) return count + 1;
                bounds[count++] = new Range(start, lineStart);
                start = lineStart;
            }

            var newline = content[lineStart..].IndexOf((byte)'\n');
            if (newline < 0) break;
            lineStart += newline + 1;
        }

        if (count == bounds.Length) return count + 1;
        bounds[count++] = new Range(start, content.Length);
        return count;
    }

    private static bool StartsSegment(byte first) => first is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'#' or (byte)'-' or (byte)'.' or (byte)'%');

    /// <summary>Compares byte arrays by content, and looks them up by span.</summary>
    private sealed class ByteContentComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteContentComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
