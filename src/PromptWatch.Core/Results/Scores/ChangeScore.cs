namespace PromptWatch.Results;

/// <summary>One metric of a change's score file, against the previous evaluated version of its use case in the same environment.</summary>
/// <param name="Name">The metric's name.</param>
/// <param name="Value">The value at this change.</param>
/// <param name="Direction">Which way it improves.</param>
/// <param name="Previous">The value at the previous evaluated version that has this metric, if any.</param>
/// <param name="PreviousCommit">That version's commit sha.</param>
/// <param name="Delta"><paramref name="Value"/> minus <paramref name="Previous"/>.</param>
/// <param name="Regressed">Whether it moved the wrong way by more than the configured threshold.</param>
public sealed record ChangeScore(string Name, double Value, ScoreDirection Direction, double? Previous, string? PreviousCommit, double? Delta, bool Regressed);
