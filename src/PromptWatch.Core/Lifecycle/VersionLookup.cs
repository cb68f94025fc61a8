using System.Collections.Immutable;

namespace PromptWatch.Lifecycle;

/// <summary>What resolving a version reference found: the version, or why there is none.</summary>
/// <param name="Version">The version, when the reference names exactly one.</param>
/// <param name="Problem">Why it does not, when it does not: a sentence naming the reference.</param>
/// <param name="Candidates">The versions an ambiguous reference could mean (<c>env@sha</c>), otherwise empty.</param>
public sealed record VersionLookup(UseCaseVersion? Version, string? Problem, ImmutableArray<string> Candidates)
{
    /// <summary>Whether the reference could mean several versions (an abbreviation of several commits, or a commit that changed several environments).</summary>
    public bool Ambiguous => !Candidates.IsEmpty;
}
