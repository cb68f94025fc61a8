using System.Collections.Immutable;
using System.Text;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace PromptWatch.Model;

/// <summary>A line diff of a prompt against its previous version, laid out for a side-by-side view.</summary>
/// <param name="Rows">One row per aligned pair of lines; a side without a line has a <see langword="null"/> number and text.</param>
public sealed record PromptDiff(ImmutableArray<PromptDiffRow> Rows)
{
    /// <summary>Whether any row is not <see cref="PromptDiffRowKind.Unchanged"/>.</summary>
    public bool HasChanges => Rows.Any(static row => row.Kind != PromptDiffRowKind.Unchanged);

    /// <summary>Computes the diff from <paramref name="oldText"/> to <paramref name="newText"/>.</summary>
    /// <param name="oldText">The previous prompt; <see langword="null"/> or empty when there was none.</param>
    /// <param name="newText">The new prompt; <see langword="null"/> or empty when the use case was removed.</param>
    /// <returns>The side-by-side diff.</returns>
    public static PromptDiff Compute(string? oldText, string? newText)
    {
        var model = SideBySideDiffBuilder.Diff(Differ.Instance, oldText ?? string.Empty, newText ?? string.Empty, ignoreWhiteSpace: false, ignoreCase: false);
        var count = Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count);
        var rows = ImmutableArray.CreateBuilder<PromptDiffRow>(count);
        for (var i = 0; i < count; i++)
        {
            var left = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var right = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            var kind = KindOf(left, right);
            var row = new PromptDiffRow(kind, Number(left), Text(left), Number(right), Text(right));
            rows.Add(kind == PromptDiffRowKind.Modified
                ? row with { OldPieces = Pieces(left!, PromptDiffPieceKind.Deleted), NewPieces = Pieces(right!, PromptDiffPieceKind.Inserted) }
                : row);
        }

        return new PromptDiff(rows.MoveToImmutable());
    }

    /// <summary>The diff as unified text: <c>-</c> for removed lines, <c>+</c> for added ones, two spaces for context.</summary>
    /// <returns>The text, one line per diff line.</returns>
    public string ToUnifiedText()
    {
        var text = new StringBuilder();
        foreach (var row in Rows)
        {
            switch (row.Kind)
            {
                case PromptDiffRowKind.Unchanged:
                    text.Append("  ").Append(row.NewText).Append('\n');
                    break;
                default:
                    if (row.OldText is not null) text.Append("- ").Append(row.OldText).Append('\n');
                    if (row.NewText is not null) text.Append("+ ").Append(row.NewText).Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    // A modified line's words as DiffPlex aligned them (its sub-pieces): the placeholders that align the two sides
    // dropped, neighbours of one kind joined, so that the texts of the pieces make up the line.
    private static ImmutableArray<PromptDiffPiece> Pieces(DiffPiece line, PromptDiffPieceKind changed)
    {
        var pieces = ImmutableArray.CreateBuilder<PromptDiffPiece>();
        var text = new StringBuilder();
        PromptDiffPieceKind? kind = null;
        foreach (var piece in line.SubPieces)
        {
            if (piece.Type == ChangeType.Imaginary || string.IsNullOrEmpty(piece.Text)) continue;
            var pieceKind = piece.Type == ChangeType.Unchanged ? PromptDiffPieceKind.Unchanged : changed;
            if (kind is { } current && current != pieceKind)
            {
                pieces.Add(new PromptDiffPiece(text.ToString(), current));
                text.Clear();
            }

            kind = pieceKind;
            text.Append(piece.Text);
        }

        if (kind is { } last) pieces.Add(new PromptDiffPiece(text.ToString(), last));
        return pieces.ToImmutable();
    }

    private static int? Number(DiffPiece? piece) => piece is { Type: not ChangeType.Imaginary } ? piece.Position : null;

    private static string? Text(DiffPiece? piece) => piece is { Type: not ChangeType.Imaginary } ? piece.Text : null;

    private static PromptDiffRowKind KindOf(DiffPiece? left, DiffPiece? right)
    {
        var hasLeft = left is { Type: not ChangeType.Imaginary };
        var hasRight = right is { Type: not ChangeType.Imaginary };
        return (hasLeft, hasRight) switch
        {
            (true, false) => PromptDiffRowKind.Deleted,
            (false, true) => PromptDiffRowKind.Inserted,
            _ when left!.Type == ChangeType.Unchanged && right!.Type == ChangeType.Unchanged => PromptDiffRowKind.Unchanged,
            _ => PromptDiffRowKind.Modified,
        };
    }
}
