using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>How two versions of a use case differ.</summary>
/// <param name="Changes">Each field that differs, with its old and new value (<see langword="null"/> where the side lacks it).</param>
/// <param name="PromptDiff">The prompt's diff, when the prompts differ.</param>
public sealed record VersionDifference(ImmutableArray<FieldChange> Changes, PromptDiff? PromptDiff);

/// <summary>One field that differs between two versions.</summary>
/// <param name="Field">The field (<c>model</c>, <c>prompt</c>, <c>extras.&lt;key&gt;</c>...).</param>
/// <param name="Old">Its value in the first version.</param>
/// <param name="New">Its value in the second version.</param>
public sealed record FieldChange(string Field, string? Old, string? New);
