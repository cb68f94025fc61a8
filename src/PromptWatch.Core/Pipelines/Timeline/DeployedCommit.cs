namespace PromptWatch.Pipelines.Timeline;

/// <summary>The commit live in one environment of one repository: its latest successful deployment.</summary>
/// <param name="Repository">The repository, <c>owner/name</c>.</param>
/// <param name="Environment">The deployment's environment, as the provider spells it.</param>
/// <param name="Sha">The commit deployed.</param>
/// <param name="DeployedAt">When it went live: its success status's time (for a deployment replaced since, the success status kept in the store), else its creation.</param>
/// <param name="DeploymentId">The deployment.</param>
/// <param name="RunId">The run that deployed, when known.</param>
/// <param name="RunUrl">That run's page, when known.</param>
internal sealed record DeployedCommit(string Repository, string Environment, string Sha, DateTimeOffset DeployedAt, long DeploymentId, long? RunId, string? RunUrl);
