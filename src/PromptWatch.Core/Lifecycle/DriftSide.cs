using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>A use case's current version in one environment, as a drift report compares it.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="State">The current settings; <see langword="null"/> when the use case is not there (never was, or removed).</param>
/// <param name="Commit">The commit of the current version (of the removal, when removed); <see langword="null"/> when it never was there.</param>
/// <param name="Removed">Whether the use case was there once and was removed.</param>
/// <param name="ResultsState">Whether the current version's commit has evaluation results.</param>
/// <param name="Results">How many evaluation results that commit has for the use case.</param>
public sealed record DriftSide(string Environment, UseCaseState? State, CommitInfo? Commit, bool Removed, EvaluationResultsState ResultsState, int Results)
{
    /// <summary>The current version's score metrics, when its commit has a score file for the use case; empty otherwise.</summary>
    public System.Collections.Immutable.ImmutableArray<Results.ChangeScore> Scores { get; init; } = [];

    /// <summary>Whether the use case is there now.</summary>
    public bool Present => State is not null;
}
