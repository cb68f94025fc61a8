using System.Collections.Immutable;

namespace PromptWatch.Model;

/// <summary>
/// One change of one use case in one environment, found in one commit: a new state, a removal, or a
/// file version that could not be read.
/// </summary>
/// <param name="Kind">What the entry records.</param>
/// <param name="Environment">The environment of the watched file.</param>
/// <param name="UseCase">The use case (top-level key); <see langword="null"/> for <see cref="ChangeKind.Error"/> entries, which concern the whole file.</param>
/// <param name="State">The state after the change; <see langword="null"/> for removals and errors.</param>
/// <param name="Commit">The commit the change was found in.</param>
/// <param name="FilePath">The file's path in that commit (it may differ from the watched path when the file was renamed).</param>
/// <param name="ChangedFields">The fields that differ from <paramref name="PreviousState"/>; every set field for an addition.</param>
/// <param name="PreviousState">The last known state before this change, if any.</param>
/// <param name="PreviousCommitSha">The commit of the previous entry of this use case in this environment, if any.</param>
/// <param name="Error">Why the file version could not be read, for <see cref="ChangeKind.Error"/> entries.</param>
/// <param name="IsLatest">Whether this is the newest entry of its environment and use case.</param>
public sealed record ChangeEntry(
    ChangeKind Kind,
    string Environment,
    string? UseCase,
    UseCaseState? State,
    CommitInfo Commit,
    string FilePath,
    ImmutableArray<string> ChangedFields,
    UseCaseState? PreviousState,
    string? PreviousCommitSha,
    ConfigError? Error,
    bool IsLatest)
{
    private PromptDiff? _diff;

    /// <summary>
    /// The line diff of the prompt against <see cref="PreviousState"/> (against nothing for an addition,
    /// to nothing for a removal); <see langword="null"/> for errors. Computed on first use.
    /// </summary>
    public PromptDiff? Diff => Kind == ChangeKind.Error ? null : _diff ??= PromptDiff.Compute(PreviousState?.Prompt, State?.Prompt);

    /// <summary>
    /// The diff of <see cref="Diff"/>, computed afresh (and not kept) unless it was read before: for a writer that keeps
    /// the bytes it writes (a timeline view), so that an entry does not hold its diff twice, as objects and as JSON.
    /// </summary>
    internal PromptDiff? DiffWithoutKeeping() => Kind == ChangeKind.Error ? null : _diff ?? PromptDiff.Compute(PreviousState?.Prompt, State?.Prompt);

    /// <summary>The state shown for this entry: the new state, or for a removal the last known one.</summary>
    public UseCaseState? DisplayState => State ?? PreviousState;

    /// <summary>
    /// Equal when every positional member is equal (the changed fields by content). The prompt diff, computed and kept on first read, takes no part: an
    /// entry's hash code stays the same once its diff was read, so entries can be dictionary keys and set members.
    /// </summary>
    /// <param name="other">The other entry.</param>
    /// <returns>Whether both describe the same change.</returns>
    public bool Equals(ChangeEntry? other) =>
        other is not null
        && Kind == other.Kind
        && Environment == other.Environment
        && UseCase == other.UseCase
        && Equals(State, other.State)
        && Commit == other.Commit
        && FilePath == other.FilePath
        && ChangedFields.AsSpan().SequenceEqual(other.ChangedFields.AsSpan())
        && Equals(PreviousState, other.PreviousState)
        && PreviousCommitSha == other.PreviousCommitSha
        && Error == other.Error
        && IsLatest == other.IsLatest;

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(Kind, Environment, UseCase, State, Commit, FilePath), ChangedFields.Length, PreviousState, PreviousCommitSha, Error, IsLatest);
}
