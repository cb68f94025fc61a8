using System.Collections.Immutable;

namespace PromptWatch.Lifecycle;

/// <summary>What differs between two environments of one repository now, use case by use case.</summary>
/// <param name="Repository">The watched repository's name.</param>
/// <param name="Left">The first environment of the pair.</param>
/// <param name="Right">The second environment of the pair.</param>
/// <param name="UseCases">Every use case present in either environment now or before, by name.</param>
/// <param name="LeadTime">The promotion lead time from left to right over every use case, when any version was promoted.</param>
public sealed record DriftReport(string Repository, string Left, string Right, ImmutableArray<UseCaseDrift> UseCases, LeadTime? LeadTime);
