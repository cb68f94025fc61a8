using System.Buffers;
using System.Text;
using YamlDotNet.Core;

namespace PromptWatch.Parsing;

/// <summary>
/// Reads the plain shape most values blocks have, without YamlDotNet: a top-level <c>key:</c> with a
/// plain scalar, or with one level of <c>sub: value</c> lines whose values are plain scalars, simple
/// quoted scalars or literal block scalars (<c>|</c>, <c>|-</c>, <c>|+</c>); comments and blank lines
/// anywhere. Anything else (anchors, aliases, tags, flow collections, folded or multi-line scalars,
/// deeper nesting, tabs, duplicate keys) makes it decline, and YamlDotNet reads the block instead; the
/// two readers are checked against each other. Lines are read as spans: only keys and values become strings.
/// </summary>
internal static class SimpleValuesReader
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";
    private static readonly SearchValues<char> KeyBreakers = SearchValues.Create("#{}[],&*!|>'\"%@`");

    /// <summary>The block as a tree like <see cref="YamlTreeReader"/> builds, or <see langword="null"/> to decline.</summary>
    public static YamlTreeMapping? TryRead(string text)
    {
        if (text.Length == 0 || text[^1] != '\n' || text.Contains('\t', StringComparison.Ordinal)) return null;
        var lines = new Lines(text);
        if (!lines.Valid) return null;

        var index = lines.SkipBlankAndComments(0);
        if (index >= lines.Count || Indent(lines[index]) != 0) return null;
        if (!TryReadEntry(lines, ref index, nested: false, out var key, out var value)) return null;

        YamlTreeNode node;
        if (value is not null)
        {
            node = value;
        }
        else
        {
            var mapping = new YamlTreeMapping(Mark.Empty, []);
            var childIndent = -1;
            index = lines.SkipBlankAndComments(index);
            while (index < lines.Count && Indent(lines[index]) > 0)
            {
                var indent = Indent(lines[index]);
                if (childIndent < 0) childIndent = indent;
                if (indent != childIndent) return null;
                if (!TryReadEntry(lines, ref index, nested: true, out var childKey, out var childValue)) return null;
                foreach (var (existing, _) in mapping.Entries)
                {
                    if (((YamlTreeScalar)existing).Value == childKey!.Value) return null;
                }

                mapping.Entries.Add(new(childKey!, childValue ?? Scalar(string.Empty, ScalarStyle.Plain)));
                index = lines.SkipBlankAndComments(index);
            }

            mapping.ExpandedSize = 1 + (2 * mapping.Entries.Count);
            node = mapping.Entries.Count == 0 ? Scalar(string.Empty, ScalarStyle.Plain) : mapping;
        }

        if (lines.SkipBlankAndComments(index) < lines.Count) return null; // a second top-level key
        var root = new YamlTreeMapping(Mark.Empty, [new(key!, node)]);
        root.ExpandedSize = 1 + key!.ExpandedSize + node.ExpandedSize;
        return root;
    }

    /// <summary>
    /// Reads <c>key: value</c> at <paramref name="index"/> and any block scalar lines after it. A
    /// <see langword="null"/> value means nothing followed the colon (a nested block or a null).
    /// </summary>
    private static bool TryReadEntry(Lines lines, ref int index, bool nested, out YamlTreeScalar? key, out YamlTreeScalar? value)
    {
        key = value = null;
        var line = lines[index];
        var indent = Indent(line);
        var colon = KeyEnd(line, indent);
        if (colon < 0) return false;
        var keyText = line[indent..colon].TrimEnd(' ');
        if (keyText.IsEmpty || Indicators.Contains(keyText[0], StringComparison.Ordinal) || keyText.IndexOfAny(KeyBreakers) >= 0) return false;

        key = Scalar(keyText.ToString(), ScalarStyle.Plain);
        var rest = line[(colon + 1)..].TrimStart(' ');
        index++;
        if (rest.IsEmpty || rest[0] == '#')
        {
            // Nothing follows: at the top level a nested block may come; one level down it must not.
            if (!nested) return true;
            var next = lines.SkipBlankAndComments(index);
            return next >= lines.Count || Indent(lines[next]) <= indent;
        }

        switch (rest[0])
        {
            case '|':
                return TryReadLiteral(lines, ref index, indent, rest, out value);
            case '"' or '\'':
                value = Quoted(rest);
                break;
            default:
                if (Indicators.Contains(rest[0], StringComparison.Ordinal)) return false;
                var comment = rest.IndexOf(" #", StringComparison.Ordinal);
                var text = (comment >= 0 ? rest[..comment] : rest).TrimEnd(' ');
                if (text.Contains(": ", StringComparison.Ordinal) || text.EndsWith(':')) return false;
                value = Scalar(text.ToString(), ScalarStyle.Plain);
                break;
        }

        if (value is null) return false;

        // A more indented line after a scalar would continue it (or be an error): not ours to read.
        var following = lines.SkipBlankAndComments(index);
        return following >= lines.Count || Indent(lines[following]) <= indent;
    }

    private static bool TryReadLiteral(Lines lines, ref int index, int indent, ReadOnlySpan<char> header, out YamlTreeScalar? value)
    {
        value = null;
        var comment = header.IndexOf(" #", StringComparison.Ordinal);
        var indicator = (comment >= 0 ? header[..comment] : header).TrimEnd(' ');
        if (indicator is not ("|" or "|-" or "|+")) return false;
        if (index >= lines.Count || IsBlank(lines[index])) return false; // leading blank lines: let YamlDotNet decide the indentation

        var blockIndent = Indent(lines[index]);
        if (blockIndent <= indent) return false;
        var text = new StringBuilder();
        var pendingBlank = 0;
        while (index < lines.Count)
        {
            var line = lines[index];
            if (IsBlank(line))
            {
                // Blank lines holding more spaces than the indentation carry content in YAML; decline them.
                if (line.Length > blockIndent) return false;
                pendingBlank++;
            }
            else if (Indent(line) >= blockIndent)
            {
                if (text.Length > 0) text.Append('\n');
                text.Append('\n', pendingBlank).Append(line[blockIndent..]);
                pendingBlank = 0;
            }
            else
            {
                break;
            }

            index++;
        }

        switch (indicator)
        {
            case "|+":
                text.Append('\n', pendingBlank + 1);
                break;
            case "|":
                text.Append('\n');
                break;
        }

        value = Scalar(text.ToString(), ScalarStyle.Literal);
        return true;
    }

    private static YamlTreeScalar? Quoted(ReadOnlySpan<char> rest)
    {
        var quote = rest[0];
        var close = rest[1..].IndexOf(quote) + 1;
        if (close <= 0) return null;
        var inner = rest[1..close];
        if (quote == '"' && inner.Contains('\\')) return null;
        if (quote == '\'' && close + 1 < rest.Length && rest[close + 1] == '\'') return null;
        var after = rest[(close + 1)..];
        var trimmed = after.TrimStart(' ');
        if (!trimmed.IsEmpty && !(trimmed[0] == '#' && after[0] == ' ')) return null;
        return Scalar(inner.ToString(), quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted);
    }

    /// <summary>The position of the colon that ends the key on this line, or -1.</summary>
    private static int KeyEnd(ReadOnlySpan<char> line, int from)
    {
        for (var i = from; i < line.Length; i++)
        {
            if (line[i] == ':' && (i + 1 == line.Length || line[i + 1] == ' ')) return i;
        }

        return -1;
    }

    private static bool IsBlank(ReadOnlySpan<char> line) => line.TrimStart(' ').IsEmpty;

    private static int Indent(ReadOnlySpan<char> line)
    {
        var indent = 0;
        while (indent < line.Length && line[indent] == ' ') indent++;
        return indent;
    }

    private static YamlTreeScalar Scalar(string value, ScalarStyle style) => new(Mark.Empty, value, style) { ExpandedSize = 1 };

    /// <summary>The lines of a text as ranges (without the line break, and without a CR before it).</summary>
    private sealed class Lines
    {
        private readonly string _text;
        private readonly List<Range> _ranges = [];

        public Lines(string text)
        {
            _text = text;
            var start = 0;
            while (start < text.Length)
            {
                var newline = text.IndexOf('\n', start);
                var end = newline > 0 && text[newline - 1] == '\r' ? newline - 1 : newline;
                if (text.AsSpan(start, end - start).Contains('\r')) return;
                _ranges.Add(new Range(start, end));
                start = newline + 1;
            }

            Valid = true;
        }

        public bool Valid { get; }

        public int Count => _ranges.Count;

        public ReadOnlySpan<char> this[int index] => _text.AsSpan()[_ranges[index]];

        public int SkipBlankAndComments(int index)
        {
            while (index < Count && (IsBlank(this[index]) || this[index].TrimStart(' ').StartsWith('#'))) index++;
            return index;
        }
    }
}
