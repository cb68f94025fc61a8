using PromptWatch.Pipelines.Analytics;

namespace PromptWatch.Pipelines.Timeline;

/// <summary>The checks of one commit: each workflow's latest run at it and the state they add up to.</summary>
/// <param name="Sha">The commit as asked for (a full or abbreviated sha).</param>
/// <param name="State">The state, or <see langword="null"/> when no run at the commit is known.</param>
/// <param name="Runs">Each workflow's latest run at the commit, by repository and workflow name.</param>
internal sealed record CommitChecks(string Sha, CommitCheckState? State, IReadOnlyList<PipelineRun> Runs)
{
    /// <summary>
    /// The checks of <paramref name="sha"/> from <paramref name="runs"/> (all at that commit): per repository and
    /// workflow (its id, else its name) the latest run by creation time and id; failing when one of them failed, else
    /// pending when one is not completed, else passing when each succeeded or was skipped and one succeeded, else undecided.
    /// </summary>
    /// <param name="sha">The commit as asked for.</param>
    /// <param name="runs">The runs at that commit.</param>
    /// <returns>The checks.</returns>
    public static CommitChecks Compute(string sha, IEnumerable<PipelineRun> runs)
    {
        var latest = runs
            .GroupBy(static r => (r.Repository.ToUpperInvariant(), r.WorkflowId != 0 ? r.WorkflowId.ToString(System.Globalization.CultureInfo.InvariantCulture) : "name:" + r.WorkflowName))
            .Select(static g => g.OrderByDescending(static r => r.CreatedAt).ThenByDescending(static r => r.Id).First())
            .OrderBy(static r => r.Repository, StringComparer.OrdinalIgnoreCase)
            .ThenBy(static r => r.WorkflowName, StringComparer.Ordinal)
            .ToList();
        if (latest.Count == 0) return new CommitChecks(sha, null, latest);
        CommitCheckState state;
        if (latest.Any(static r => r.IsCompleted && PipelineOutcome.IsFailure(r.Conclusion))) state = CommitCheckState.Failing;
        else if (latest.Any(static r => !r.IsCompleted)) state = CommitCheckState.Pending;
        else if (latest.All(static r => r.Conclusion is PipelineConclusion.Success or PipelineConclusion.Skipped) && latest.Any(static r => r.Conclusion == PipelineConclusion.Success)) state = CommitCheckState.Passing;
        else state = CommitCheckState.Undecided;
        return new CommitChecks(sha, state, latest);
    }
}
