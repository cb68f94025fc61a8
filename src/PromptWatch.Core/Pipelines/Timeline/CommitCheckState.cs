namespace PromptWatch.Pipelines.Timeline;

/// <summary>The state of a commit's checks, from each workflow's latest run at that commit.</summary>
internal enum CommitCheckState
{
    /// <summary>Every workflow's latest run succeeded (skipped ones aside, at least one succeeded).</summary>
    Passing,

    /// <summary>A workflow's latest run failed: failure, timed out or startup failure.</summary>
    Failing,

    /// <summary>None failed, and one is not completed yet (requested, queued, waiting, pending or in progress).</summary>
    Pending,

    /// <summary>All completed, none failed, and not all passed: cancelled, neutral, stale or action required.</summary>
    Undecided,
}
