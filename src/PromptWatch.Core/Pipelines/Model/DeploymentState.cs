namespace PromptWatch.Pipelines;

/// <summary>A deployment's state, from its statuses.</summary>
public enum DeploymentState
{
    /// <summary>Created, not yet started.</summary>
    Pending,

    /// <summary>Waiting to start.</summary>
    Queued,

    /// <summary>Deploying.</summary>
    InProgress,

    /// <summary>Deployed.</summary>
    Success,

    /// <summary>The deployment failed.</summary>
    Failure,

    /// <summary>The deployment could not be carried out.</summary>
    Error,

    /// <summary>Replaced by a later deployment to the same environment.</summary>
    Inactive,
}
