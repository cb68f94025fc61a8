using System.Collections.Immutable;

namespace PromptWatch.Model;

/// <summary>A change entry on the published timeline, with its repository and its evaluation results.</summary>
/// <param name="Repository">The name of the repository it was found in.</param>
/// <param name="Change">The change.</param>
/// <param name="Results">The result files of its commit that concern its use case (or the whole commit), evaluations first.</param>
/// <param name="ResultsState">Whether results were found, are known to be absent, or cannot be told (a store is failing).</param>
public sealed record TimelineEntry(string Repository, ChangeEntry Change, ImmutableArray<StoredEvaluationResult> Results, EvaluationResultsState ResultsState);
