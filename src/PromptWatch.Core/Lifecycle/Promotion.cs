using PromptWatch.Model;

namespace PromptWatch.Lifecycle;

/// <summary>A version that arrived from another environment: the same settings appeared there first.</summary>
/// <param name="From">The environment it was promoted from.</param>
/// <param name="Commit">The commit that gave the other environment those settings (the last one before they appeared here).</param>
/// <param name="LeadTime">How long after that the version appeared here.</param>
public sealed record Promotion(string From, CommitInfo Commit, TimeSpan LeadTime);
