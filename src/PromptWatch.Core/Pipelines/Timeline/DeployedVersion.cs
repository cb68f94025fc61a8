namespace PromptWatch.Pipelines.Timeline;

/// <summary>The version of a use case live in an environment: the newest timeline entry at or before the deployed commit.</summary>
/// <param name="VersionSha">That entry's commit; <see langword="null"/> when the watched repository does not have the deployed commit (yet).</param>
/// <param name="Deployment">What is deployed.</param>
internal sealed record DeployedVersion(string? VersionSha, DeployedCommit Deployment);
