namespace PromptWatch.Pipelines.Analytics;

/// <summary>How often one branch, author, workflow, job or step failed: failures among the decided (passed or failed) ones.</summary>
internal sealed record PipelineFailureCount(string Key, int Failures, int Total, double FailureRate);

/// <summary>
/// Failures by branch, author (the head commit's author, else the actor), workflow (runs), job name (completed jobs) and
/// step name (completed steps, <c>job / step</c>), each sorted by failures and then name, the top twenty.
/// </summary>
internal sealed record PipelineFailures(
    int FailedRuns,
    IReadOnlyList<PipelineFailureCount> ByBranch,
    IReadOnlyList<PipelineFailureCount> ByAuthor,
    IReadOnlyList<PipelineFailureCount> ByWorkflow,
    IReadOnlyList<PipelineFailureCount> ByJob,
    IReadOnlyList<PipelineFailureCount> ByStep)
{
    public const int Top = 20;

    /// <summary>
    /// The runs from position <paramref name="runStart"/> and the jobs from <paramref name="jobStart"/> of the columns:
    /// counted in arrays by id, ranked by failures and then name.
    /// </summary>
    public static PipelineFailures Compute(PipelineFailureColumns columns, int runStart, int jobStart)
    {
        var branch = new (int Failures, int Total)[columns.Branches.Count];
        var author = new (int Failures, int Total)[columns.Authors.Count];
        var workflow = new (int Failures, int Total)[columns.Workflows.Count];
        var failedRuns = 0;
        var outcomes = columns.RunOutcome;
        for (var i = runStart; i < outcomes.Length; i++)
        {
            var outcome = outcomes[i];
            if (outcome == PipelineFailureColumns.Undecided) continue;
            failedRuns += outcome;
            Count(ref branch[columns.RunBranch[i]], outcome);
            Count(ref author[columns.RunAuthor[i]], outcome);
            Count(ref workflow[columns.RunWorkflow[i]], outcome);
        }

        var job = new (int Failures, int Total)[columns.JobNames.Count];
        for (var i = jobStart; i < columns.JobOutcome.Length; i++)
        {
            if (columns.JobOutcome[i] != PipelineFailureColumns.Undecided) Count(ref job[columns.JobName[i]], columns.JobOutcome[i]);
        }

        var step = new (int Failures, int Total)[columns.StepKeys.Count];
        for (var i = columns.JobFirstStep[jobStart]; i < columns.StepOutcome.Length; i++)
        {
            if (columns.StepOutcome[i] != PipelineFailureColumns.Undecided) Count(ref step[columns.StepKey[i]], columns.StepOutcome[i]);
        }

        return new PipelineFailures(failedRuns, Rank(branch, columns.Branches), Rank(author, columns.Authors), Rank(workflow, columns.Workflows), Rank(job, columns.JobNames), Rank(step, columns.StepKeys));
    }

    private static void Count(ref (int Failures, int Total) count, sbyte failed)
    {
        count.Failures += failed;
        count.Total++;
    }

    private static List<PipelineFailureCount> Rank((int Failures, int Total)[] counts, IReadOnlyList<string> names)
    {
        var failing = new List<PipelineFailureCount>();
        for (var id = 0; id < counts.Length; id++)
        {
            var (failures, total) = counts[id];
            if (failures > 0) failing.Add(new PipelineFailureCount(names[id], failures, total, PipelineOutcome.Rate(failures, total)));
        }

        failing.Sort(static (a, b) => a.Failures != b.Failures ? b.Failures.CompareTo(a.Failures) : string.CompareOrdinal(a.Key, b.Key));
        if (failing.Count > Top) failing.RemoveRange(Top, failing.Count - Top);
        return failing;
    }
}
