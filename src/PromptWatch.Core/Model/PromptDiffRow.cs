using System.Collections.Immutable;

namespace PromptWatch.Model;

/// <summary>One aligned row of a <see cref="PromptDiff"/>.</summary>
/// <param name="Kind">What happened to the line.</param>
/// <param name="OldNumber">1-based line number in the previous prompt, or <see langword="null"/> when the row has no old line.</param>
/// <param name="OldText">The old line, or <see langword="null"/>.</param>
/// <param name="NewNumber">1-based line number in the new prompt, or <see langword="null"/> when the row has no new line.</param>
/// <param name="NewText">The new line, or <see langword="null"/>.</param>
public sealed record PromptDiffRow(PromptDiffRowKind Kind, int? OldNumber, string? OldText, int? NewNumber, string? NewText)
{
    /// <summary>
    /// The old line in word pieces, for a <see cref="PromptDiffRowKind.Modified"/> row: <see cref="PromptDiffPieceKind.Unchanged"/>
    /// and <see cref="PromptDiffPieceKind.Deleted"/> pieces whose texts make up <see cref="OldText"/>. Empty for other rows.
    /// </summary>
    public ImmutableArray<PromptDiffPiece> OldPieces { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// The new line in word pieces, for a <see cref="PromptDiffRowKind.Modified"/> row: <see cref="PromptDiffPieceKind.Unchanged"/>
    /// and <see cref="PromptDiffPieceKind.Inserted"/> pieces whose texts make up <see cref="NewText"/>. Empty for other rows.
    /// </summary>
    public ImmutableArray<PromptDiffPiece> NewPieces { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Whether <paramref name="other"/> is the same row: same kind, numbers, texts and pieces.</summary>
    /// <param name="other">The row to compare with.</param>
    /// <returns><see langword="true"/> when every part is equal.</returns>
    public bool Equals(PromptDiffRow? other) =>
        other is not null
        && Kind == other.Kind
        && OldNumber == other.OldNumber
        && string.Equals(OldText, other.OldText, StringComparison.Ordinal)
        && NewNumber == other.NewNumber
        && string.Equals(NewText, other.NewText, StringComparison.Ordinal)
        && OldPieces.SequenceEqual(other.OldPieces)
        && NewPieces.SequenceEqual(other.NewPieces);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, OldNumber, OldText, NewNumber, NewText, OldPieces.Length, NewPieces.Length);
}
