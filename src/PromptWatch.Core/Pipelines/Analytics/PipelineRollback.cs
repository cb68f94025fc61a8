namespace PromptWatch.Pipelines.Analytics;

/// <summary>A deployment that went back: to an ancestor of the previous deployment's commit, or named so.</summary>
/// <param name="Deployment">The rollback.</param>
/// <param name="PreviousDeploymentId">The deployment before it in the same environment.</param>
/// <param name="PreviousSha">The commit that deployment deployed.</param>
/// <param name="Reason"><c>ancestor</c> (the Git repository says so) or <c>pattern</c> (its ref or description matches a rollback pattern).</param>
internal sealed record PipelineRollback(PipelineDeployment Deployment, long PreviousDeploymentId, string PreviousSha, string Reason);
