namespace PromptWatch.Model;

/// <summary>What a <see cref="ChangeEntry"/> records.</summary>
public enum ChangeKind
{
    /// <summary>The use case appears for the first time, or again after it was removed.</summary>
    Added,

    /// <summary>At least one setting of the use case differs from its last known state.</summary>
    Changed,

    /// <summary>The use case is no longer in the file (or the file itself is gone).</summary>
    Removed,

    /// <summary>The file version could not be read as configuration; see <see cref="ChangeEntry.Error"/>.</summary>
    Error,
}
