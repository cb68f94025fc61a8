using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>A request to GitHub that failed: what kind of failure, what was refused (no secret in it), and when.</summary>
internal sealed record GitHubApiFailure(PipelineProviderFailure Failure, string Reason, DateTimeOffset At);
