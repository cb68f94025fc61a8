namespace PromptWatch.Hosting;

/// <summary>What a refresh of the evaluation-result stores did.</summary>
/// <param name="Ok">Whether every store was listed.</param>
/// <param name="UpdatedCount">The number of timeline entries that have results afterwards.</param>
/// <param name="TotalChanges">The number of entries on the timeline.</param>
/// <param name="Errors">Why stores failed, by name, without secrets.</param>
public sealed record ResultsRefreshResult(bool Ok, int UpdatedCount, int TotalChanges, IReadOnlyDictionary<string, string> Errors);
