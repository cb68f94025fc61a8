using System.Collections.Immutable;
using PromptWatch.Results;

namespace PromptWatch.Model;

/// <summary>A change entry on the published timeline, with its repository and its evaluation results.</summary>
/// <param name="Repository">The name of the repository it was found in.</param>
/// <param name="Change">The change.</param>
/// <param name="Results">The result files of its commit that concern its use case (or the whole commit), evaluations first.</param>
/// <param name="ResultsState">Whether results were found, are known to be absent, or cannot be told (a store is failing).</param>
public sealed record TimelineEntry(string Repository, ChangeEntry Change, ImmutableArray<StoredEvaluationResult> Results, EvaluationResultsState ResultsState)
{
    /// <summary>
    /// The metrics of its score file (<c>&lt;commit&gt;/&lt;usecase&gt;_results.json</c>), each against the previous evaluated
    /// version of its use case in its environment; empty when it has no score file.
    /// </summary>
    public ImmutableArray<ChangeScore> Scores { get; init; } = [];

    /// <summary>Why its score file could not be used (malformed, oversized, unreadable), or <see langword="null"/>.</summary>
    public string? ScoresError { get; init; }

    /// <summary>Whether it has a score file, usable or not.</summary>
    public bool HasScoreFile => !Scores.IsEmpty || ScoresError is not null;
}
