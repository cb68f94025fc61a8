namespace PromptWatch.Pipelines;

/// <summary>A change the store accepted, published to live subscribers (WebSocket, server-sent events).</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Repository">The repository, <c>owner/name</c>.</param>
/// <param name="Run">The run, for <see cref="PipelineChangeKind.Run"/>.</param>
/// <param name="Job">The job, for <see cref="PipelineChangeKind.Job"/>.</param>
/// <param name="Deployment">The deployment, for <see cref="PipelineChangeKind.Deployment"/> and (when stored) <see cref="PipelineChangeKind.DeploymentStatus"/>.</param>
/// <param name="DeploymentStatus">The status, for <see cref="PipelineChangeKind.DeploymentStatus"/>.</param>
/// <param name="At">When the change was applied.</param>
public sealed record PipelineChange(PipelineChangeKind Kind, string Repository, PipelineRun? Run, PipelineJob? Job, PipelineDeployment? Deployment, PipelineDeploymentStatus? DeploymentStatus, DateTimeOffset At)
{
    /// <summary>The notification's text, for <see cref="PipelineChangeKind.Notification"/>.</summary>
    public string? Message { get; init; }
}
