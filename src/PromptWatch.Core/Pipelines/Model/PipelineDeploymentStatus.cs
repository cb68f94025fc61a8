namespace PromptWatch.Pipelines;

/// <summary>One status of a deployment.</summary>
/// <param name="Id">The provider's status id.</param>
/// <param name="DeploymentId">The deployment it belongs to.</param>
/// <param name="Repository">The repository, <c>owner/name</c>.</param>
/// <param name="State">The state it reports.</param>
/// <param name="Description">Its description, if any.</param>
/// <param name="Creator">The account that created it, if known.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record PipelineDeploymentStatus(long Id, long DeploymentId, string Repository, DeploymentState State, string? Description, string? Creator, DateTimeOffset CreatedAt);
