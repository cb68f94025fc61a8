namespace PromptWatch.Pipelines;

/// <summary>Where a run, job or step is in its life; <see cref="Completed"/> runs also carry a <see cref="PipelineConclusion"/>.</summary>
public enum PipelineStatus
{
    /// <summary>Asked for, not yet queued.</summary>
    Requested,

    /// <summary>Waiting for a runner.</summary>
    Queued,

    /// <summary>Waiting for an approval or a protection rule (an environment's reviewers).</summary>
    Waiting,

    /// <summary>Waiting for a concurrency group or another run.</summary>
    Pending,

    /// <summary>Running.</summary>
    InProgress,

    /// <summary>Finished; see the conclusion.</summary>
    Completed,
}
