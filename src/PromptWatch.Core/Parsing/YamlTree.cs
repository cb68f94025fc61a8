using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PromptWatch.Parsing;

/// <summary>A YAML node as read by <see cref="YamlTreeReader"/>; aliases point at the anchored node itself.</summary>
internal abstract record YamlTreeNode(Mark Start)
{
    /// <summary>The number of nodes below and including this one with every alias expanded; 0 until the node is complete.</summary>
    public long ExpandedSize { get; set; }
}

internal sealed record YamlTreeScalar(Mark Start, string Value, ScalarStyle Style) : YamlTreeNode(Start)
{
    /// <summary>Whether the scalar is a plain null (<c>~</c>, <c>null</c> or nothing).</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlTreeMapping(Mark Start, List<KeyValuePair<YamlTreeNode, YamlTreeNode>> Entries) : YamlTreeNode(Start)
{
    /// <summary>Whether the mapping is written in flow style (<c>{a: 1}</c>) rather than block style.</summary>
    public bool IsFlow { get; init; }
}

internal sealed record YamlTreeSequence(Mark Start, List<YamlTreeNode> Items) : YamlTreeNode(Start);

/// <summary>
/// Reads a YAML document into a small tree without recursion, so that hostile nesting cannot
/// overflow the stack, and measures how large aliases would make it when expanded.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Reads the single document of <paramref name="parser"/>.</summary>
    /// <exception cref="YamlLimitException">The document nests deeper than <paramref name="maxDepth"/>, or holds several documents.</exception>
    /// <exception cref="YamlException">The text is not YAML.</exception>
    /// <exception cref="YamlLimitException">Expanding the aliases would make more than <paramref name="maxExpandedNodes"/> nodes.</exception>
    public static YamlTreeNode? ReadSingleDocument(IParser parser, int maxDepth, long maxExpandedNodes)
    {
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        var stack = new Stack<YamlTreeNode>();
        var pendingKeys = new Stack<YamlTreeNode?>();
        YamlTreeNode? root = null;
        var documents = 0;

        while (MoveNext(parser))
        {
            var current = parser.Current!;
            YamlTreeNode? completed = null;
            switch (current)
            {
                case DocumentStart start:
                    if (++documents > 1)
                    {
                        throw new YamlLimitException("the file holds several YAML documents; a values file holds one", start.Start);
                    }

                    break;
                case Scalar scalar:
                    completed = Register(anchors, scalar.Anchor, new YamlTreeScalar(scalar.Start, scalar.Value, scalar.Style) { ExpandedSize = 1 });
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out completed))
                    {
                        throw new YamlLimitException($"alias *{alias.Value.Value} refers to no anchor", alias.Start);
                    }

                    if (completed.ExpandedSize == 0)
                    {
                        throw new YamlLimitException($"alias *{alias.Value.Value} refers to a node that contains it", alias.Start);
                    }

                    break;
                case MappingStart mapping:
                    Push(Register(anchors, mapping.Anchor, new YamlTreeMapping(mapping.Start, []) { IsFlow = mapping.Style == MappingStyle.Flow }), mapping.Start);
                    break;
                case SequenceStart sequence:
                    Push(Register(anchors, sequence.Anchor, new YamlTreeSequence(sequence.Start, [])), sequence.Start);
                    break;
                case MappingEnd or SequenceEnd:
                    completed = stack.Pop();
                    pendingKeys.Pop();
                    completed.ExpandedSize = 1 + completed switch
                    {
                        YamlTreeMapping m => m.Entries.Sum(static e => e.Key.ExpandedSize + e.Value.ExpandedSize),
                        YamlTreeSequence q => q.Items.Sum(static i => i.ExpandedSize),
                        _ => 0,
                    };
                    if (completed.ExpandedSize > maxExpandedNodes)
                    {
                        throw new YamlLimitException(
                            string.Create(CultureInfo.InvariantCulture, $"expanding its aliases would make more than {maxExpandedNodes:N0} nodes (an alias bomb?)"),
                            current.Start);
                    }

                    break;
            }

            if (completed is null) continue;
            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            switch (stack.Peek())
            {
                case YamlTreeSequence parentSequence:
                    parentSequence.Items.Add(completed);
                    break;
                case YamlTreeMapping parentMapping:
                    var key = pendingKeys.Pop();
                    if (key is null)
                    {
                        pendingKeys.Push(completed);
                    }
                    else
                    {
                        parentMapping.Entries.Add(new(key, completed));
                        pendingKeys.Push(null);
                    }

                    break;
            }
        }

        return root;

        void Push(YamlTreeNode node, Mark start)
        {
            if (stack.Count >= maxDepth)
            {
                throw new YamlLimitException($"the document nests deeper than {maxDepth} levels", start);
            }

            stack.Push(node);
            pendingKeys.Push(null);
        }
    }

    /// <summary>
    /// Moves to the next event. YamlDotNet's scanner fails on some malformed flow collections with an
    /// <see cref="InvalidOperationException"/> instead of a <see cref="YamlException"/>; that is turned into
    /// a syntax error at the end of the last event read, so that callers see bad text, not a crash.
    /// </summary>
    private static bool MoveNext(IParser parser)
    {
        var position = parser.Current?.End ?? Mark.Empty;
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException e)
        {
            throw new YamlException(position, position, "the text after this point is not well-formed YAML", e);
        }
    }

    private static YamlTreeNode Register(Dictionary<string, YamlTreeNode> anchors, AnchorName anchor, YamlTreeNode node)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        return node;
    }
}

/// <summary>A document that is valid YAML text but beyond what a values file may be.</summary>
internal sealed class YamlLimitException(string message, Mark start) : Exception(message)
{
    public Mark Start { get; } = start;
}
