namespace PromptWatch.Pipelines;

/// <summary>How a completed run, job or step ended.</summary>
public enum PipelineConclusion
{
    /// <summary>It passed.</summary>
    Success,

    /// <summary>It failed.</summary>
    Failure,

    /// <summary>Someone or something cancelled it.</summary>
    Cancelled,

    /// <summary>It did not run (a condition was false).</summary>
    Skipped,

    /// <summary>It ran longer than allowed.</summary>
    TimedOut,

    /// <summary>It waits for someone to act (approve a deployment, accept a check).</summary>
    ActionRequired,

    /// <summary>It ended neither passing nor failing.</summary>
    Neutral,

    /// <summary>A newer run made it obsolete.</summary>
    Stale,

    /// <summary>The workflow could not start (an invalid file, a missing runner group).</summary>
    StartupFailure,
}
