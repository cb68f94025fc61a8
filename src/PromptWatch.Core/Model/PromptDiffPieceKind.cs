namespace PromptWatch.Model;

/// <summary>What happened to a <see cref="PromptDiffPiece"/> of a modified line.</summary>
public enum PromptDiffPieceKind
{
    /// <summary>The text is on both sides of the line.</summary>
    Unchanged,

    /// <summary>The text is only in the old line.</summary>
    Deleted,

    /// <summary>The text is only in the new line.</summary>
    Inserted,
}
