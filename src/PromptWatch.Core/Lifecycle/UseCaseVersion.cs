using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>One version of a use case that a reference names: its settings in an environment as of a commit.</summary>
/// <param name="Reference">The reference as given (<c>prod</c>, <c>prod@2026-10-01</c>, <c>3f2a1c9</c>).</param>
/// <param name="Environment">The environment.</param>
/// <param name="State">The settings; <see langword="null"/> when the use case is not there at that point (removed, or not yet added).</param>
/// <param name="Commit">The commit of that version; <see langword="null"/> when the use case had no version there yet.</param>
public sealed record UseCaseVersion(string Reference, string Environment, UseCaseState? State, CommitInfo? Commit);
