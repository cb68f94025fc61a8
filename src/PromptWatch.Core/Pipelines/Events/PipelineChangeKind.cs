namespace PromptWatch.Pipelines;

/// <summary>What a <see cref="PipelineChange"/> is about.</summary>
public enum PipelineChangeKind
{
    /// <summary>A run was created or changed.</summary>
    Run,

    /// <summary>A job was created or changed.</summary>
    Job,

    /// <summary>A deployment was created or changed.</summary>
    Deployment,

    /// <summary>A deployment status was added.</summary>
    DeploymentStatus,

    /// <summary>A pipeline notification was sent.</summary>
    Notification,
}
