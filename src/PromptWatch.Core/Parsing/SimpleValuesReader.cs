using YamlDotNet.Core;

namespace PromptWatch.Parsing;

/// <summary>
/// Reads the plain shape most values blocks have, without YamlDotNet: a top-level <c>key:</c> with a
/// plain scalar, or with one level of <c>sub: value</c> lines whose values are plain scalars, simple
/// quoted scalars or literal block scalars (<c>|</c>, <c>|-</c>, <c>|+</c>); comments and blank lines
/// anywhere. Anything else (anchors, aliases, tags, flow collections, folded or multi-line scalars,
/// deeper nesting, tabs, duplicate keys) makes it decline, and YamlDotNet reads the block instead; the
/// two readers are checked against each other.
/// </summary>
internal static class SimpleValuesReader
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";
    private static readonly System.Buffers.SearchValues<char> KeyBreakers = System.Buffers.SearchValues.Create("#{}[],&*!|>'\"%@`");

    /// <summary>The block as a tree like <see cref="YamlTreeReader"/> builds, or <see langword="null"/> to decline.</summary>
    public static YamlTreeMapping? TryRead(string text)
    {
        if (text.Length == 0 || text[^1] != '\n' || text.Contains('\t', StringComparison.Ordinal)) return null;
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.EndsWith('\r')) line = lines[i] = line[..^1];
            if (line.Contains('\r', StringComparison.Ordinal)) return null;
        }

        var index = SkipBlankAndComments(lines, 0);
        if (index >= lines.Length || Indent(lines[index]) != 0) return null;
        if (!TryReadEntry(lines, ref index, parentIndent: -1, out var key, out var value)) return null;

        YamlTreeNode node;
        if (value is not null)
        {
            node = value;
        }
        else
        {
            var mapping = new YamlTreeMapping(Mark.Empty, []);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var childIndent = -1;
            index = SkipBlankAndComments(lines, index);
            while (index < lines.Length && Indent(lines[index]) > 0)
            {
                var indent = Indent(lines[index]);
                if (childIndent < 0) childIndent = indent;
                if (indent != childIndent) return null;
                if (!TryReadEntry(lines, ref index, parentIndent: 0, out var childKey, out var childValue)) return null;
                if (!seen.Add(childKey!.Value)) return null;
                childValue ??= Scalar(string.Empty, ScalarStyle.Plain);
                mapping.Entries.Add(new(childKey, childValue));
                index = SkipBlankAndComments(lines, index);
            }

            node = mapping.Entries.Count == 0 ? Scalar(string.Empty, ScalarStyle.Plain) : mapping;
            if (node is YamlTreeMapping complete) complete.ExpandedSize = 1 + (2 * complete.Entries.Count);
        }

        if (SkipBlankAndComments(lines, index) < lines.Length) return null; // a second top-level key
        var root = new YamlTreeMapping(Mark.Empty, [new(key!, node)]);
        root.ExpandedSize = 1 + key!.ExpandedSize + node.ExpandedSize;
        return root;
    }

    /// <summary>
    /// Reads <c>key: value</c> at <paramref name="index"/> and any block scalar lines after it. A
    /// <see langword="null"/> value means nothing followed the colon (a nested block or a null).
    /// </summary>
    private static bool TryReadEntry(string[] lines, ref int index, int parentIndent, out YamlTreeScalar? key, out YamlTreeScalar? value)
    {
        key = value = null;
        var line = lines[index];
        var indent = Indent(line);
        var colon = KeyEnd(line, indent);
        if (colon < 0) return false;
        var keyText = line[indent..colon].TrimEnd(' ');
        if (keyText.Length == 0 || Indicators.Contains(keyText[0], StringComparison.Ordinal) || keyText == "<<"
            || keyText.AsSpan().IndexOfAny(KeyBreakers) >= 0)
        {
            return false;
        }

        key = Scalar(keyText, ScalarStyle.Plain);
        var rest = line[(colon + 1)..].TrimStart(' ');
        index++;
        if (rest.Length == 0 || rest[0] == '#')
        {
            // Nothing follows: at the top level a nested block may come; one level down it must not.
            if (parentIndent >= 0 && index < lines.Length)
            {
                var next = SkipBlankAndComments(lines, index);
                if (next < lines.Length && Indent(lines[next]) > indent) return false;
            }

            return true;
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
                value = Scalar(text, ScalarStyle.Plain);
                break;
        }

        if (value is null) return false;

        // A more indented line after a scalar would continue it (or be an error): not ours to read.
        var following = SkipBlankAndComments(lines, index);
        return following >= lines.Length || Indent(lines[following]) <= indent;
    }

    private static bool TryReadLiteral(string[] lines, ref int index, int indent, string header, out YamlTreeScalar? value)
    {
        value = null;
        var comment = header.IndexOf(" #", StringComparison.Ordinal);
        var indicator = (comment >= 0 ? header[..comment] : header).TrimEnd(' ');
        if (indicator is not ("|" or "|-" or "|+")) return false;
        if (index >= lines.Length || IsBlank(lines[index])) return false; // leading blank lines: let YamlDotNet decide the indentation

        var blockIndent = Indent(lines[index]);
        if (blockIndent <= indent) return false;
        var content = new List<string>();
        while (index < lines.Length)
        {
            var line = lines[index];
            if (IsBlank(line))
            {
                content.Add(line.Length > blockIndent ? line[blockIndent..] : string.Empty);
            }
            else if (Indent(line) >= blockIndent)
            {
                content.Add(line[blockIndent..]);
            }
            else
            {
                break;
            }

            index++;
        }

        // Blank lines holding more spaces than the indentation carry content in YAML; decline them.
        if (content.Any(static line => line.Length > 0 && line.AsSpan().TrimStart(' ').IsEmpty)) return false;
        var trailingBlank = 0;
        while (trailingBlank < content.Count && content[^(trailingBlank + 1)].Length == 0) trailingBlank++;
        var body = string.Join('\n', content.Take(content.Count - trailingBlank));
        var text = indicator switch
        {
            "|-" => body,
            "|+" => body + new string('\n', trailingBlank + 1),
            _ => body + "\n",
        };
        value = Scalar(text, ScalarStyle.Literal);
        return true;
    }

    private static YamlTreeScalar? Quoted(string rest)
    {
        var quote = rest[0];
        var close = rest.IndexOf(quote, 1);
        if (close < 0) return null;
        var inner = rest[1..close];
        if (quote == '"' && inner.Contains('\\', StringComparison.Ordinal)) return null;
        if (quote == '\'' && close + 1 < rest.Length && rest[close + 1] == '\'') return null;
        var after = rest[(close + 1)..].TrimStart(' ');
        if (after.Length > 0 && !(after[0] == '#' && rest[close + 1] == ' ')) return null;
        return Scalar(inner, quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted);
    }

    /// <summary>The position of the colon that ends the key on this line, or -1.</summary>
    private static int KeyEnd(string line, int from)
    {
        for (var i = from; i < line.Length; i++)
        {
            if (line[i] == ':' && (i + 1 == line.Length || line[i + 1] == ' ')) return i;
        }

        return -1;
    }

    private static int SkipBlankAndComments(string[] lines, int index)
    {
        while (index < lines.Length && (IsBlank(lines[index]) || lines[index].TrimStart(' ').StartsWith('#'))) index++;
        return index;
    }

    private static bool IsBlank(string line) => line.AsSpan().TrimStart(' ').IsEmpty;

    private static int Indent(string line)
    {
        var indent = 0;
        while (indent < line.Length && line[indent] == ' ') indent++;
        return indent;
    }

    private static YamlTreeScalar Scalar(string value, ScalarStyle style) => new(Mark.Empty, value, style) { ExpandedSize = 1 };
}
