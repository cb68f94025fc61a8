using System.Collections.Frozen;

namespace PromptWatch.GitHub.Events;

/// <summary>An event the processor has a method for.</summary>
/// <param name="Type">The Octokit.Webhooks event type the body is read into.</param>
/// <param name="Actions">The actions Octokit.Webhooks reads, or <see langword="null"/> for an event without actions.</param>
internal sealed record HandledEvent(Type Type, FrozenSet<string>? Actions);
