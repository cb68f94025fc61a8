namespace PromptWatch.Model;

/// <summary>What happened to a line in a <see cref="PromptDiff"/>.</summary>
public enum PromptDiffRowKind
{
    /// <summary>The line is the same on both sides.</summary>
    Unchanged,

    /// <summary>The line only exists in the new prompt.</summary>
    Inserted,

    /// <summary>The line only exists in the previous prompt.</summary>
    Deleted,

    /// <summary>The line was edited.</summary>
    Modified,
}
