namespace PromptWatch.Pipelines;

/// <summary>A deployment of one commit to one environment, with its latest state.</summary>
public sealed record PipelineDeployment
{
    /// <summary>The provider's deployment id.</summary>
    public required long Id { get; init; }

    /// <summary>The repository, <c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The environment (<c>production</c>, <c>staging</c>...).</summary>
    public required string Environment { get; init; }

    /// <summary>The commit deployed.</summary>
    public required string Sha { get; init; }

    /// <summary>The ref deployed (a branch, a tag or a sha).</summary>
    public required string Ref { get; init; }

    /// <summary>The task (<c>deploy</c>, <c>deploy:migrations</c>...), if any.</summary>
    public string? Task { get; init; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The account that created it, if known.</summary>
    public string? Creator { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The state of its latest status, if any.</summary>
    public DeploymentState? LatestState { get; init; }

    /// <summary>When its latest status was created, if any.</summary>
    public DateTimeOffset? LatestStateAt { get; init; }

    /// <summary>The run that deployed, when known.</summary>
    public long? RunId { get; init; }
}
