namespace PromptWatch.Model;

/// <summary>A run of words of a modified line in a <see cref="PromptDiff"/>, the same on both sides or not.</summary>
/// <param name="Text">The text, spaces and punctuation included.</param>
/// <param name="Kind">Whether the text is on both sides, or only on this one.</param>
public sealed record PromptDiffPiece(string Text, PromptDiffPieceKind Kind);
