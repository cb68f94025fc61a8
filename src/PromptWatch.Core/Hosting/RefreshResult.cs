namespace PromptWatch.Hosting;

/// <summary>What a refresh did.</summary>
/// <param name="Ok">Whether every refreshed repository was fetched and scanned.</param>
/// <param name="Count">The number of entries on the timeline afterwards.</param>
/// <param name="NewChanges">The number of entries the refresh found that were not on the timeline before.</param>
/// <param name="Errors">Why repositories failed, by name, without secrets.</param>
public sealed record RefreshResult(bool Ok, int Count, int NewChanges, IReadOnlyDictionary<string, string> Errors);
