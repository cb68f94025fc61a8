using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>One version in a use case's story.</summary>
/// <param name="Change">The change that made it (added, changed or removed).</param>
/// <param name="Promotion">Where it came from, when the same settings were in another environment first.</param>
public sealed record UseCaseVersionEntry(ChangeEntry Change, Promotion? Promotion);
