namespace PromptWatch.Pipelines.Analytics;

/// <summary>Durations of one workflow, job or step (a job is named by workflow and job; a step by workflow, job and step).</summary>
internal sealed record PipelineDurationGroup(string Workflow, string? Job, string? Step, DurationSummary Duration);

/// <summary>
/// Completed runs' durations and queue times per workflow, completed jobs' and steps' durations, and the bottlenecks:
/// the ten jobs and the ten steps with the highest p95 duration.
/// </summary>
internal sealed record PipelinePerformance(
    IReadOnlyList<PipelineDurationGroup> Workflows,
    IReadOnlyList<PipelineDurationGroup> WorkflowQueueTimes,
    IReadOnlyList<PipelineDurationGroup> Jobs,
    IReadOnlyList<PipelineDurationGroup> Steps,
    IReadOnlyList<PipelineDurationGroup> SlowestJobs,
    IReadOnlyList<PipelineDurationGroup> SlowestSteps)
{
    public const int Bottlenecks = 10;

    /// <summary>
    /// The runs from position <paramref name="runStart"/> and the jobs from <paramref name="jobStart"/> of the columns,
    /// whose durations are already sorted per group.
    /// </summary>
    public static PipelinePerformance Compute(PipelinePerformanceColumns columns, int runStart, int jobStart)
    {
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(1, columns.LargestGroup));
        try
        {
            var workflows = new List<PipelineDurationGroup>();
            var queues = new List<PipelineDurationGroup>();
            for (var g = 0; g < columns.WorkflowNames.Count; g++)
            {
                if (columns.WorkflowDurations.Summarise(g, runStart, buffer) is { } duration) workflows.Add(new PipelineDurationGroup(columns.WorkflowNames[g], null, null, duration));
                if (columns.WorkflowQueueTimes.Summarise(g, runStart, buffer) is { } queue) queues.Add(new PipelineDurationGroup(columns.WorkflowNames[g], null, null, queue));
            }

            var jobs = new List<PipelineDurationGroup>();
            for (var g = 0; g < columns.JobGroups.Count; g++)
            {
                var (workflow, job) = columns.JobGroups[g];
                if (columns.JobDurations.Summarise(g, jobStart, buffer) is { } duration) jobs.Add(new PipelineDurationGroup(columns.Names[workflow], columns.Names[job], null, duration));
            }

            var steps = new List<PipelineDurationGroup>();
            for (var g = 0; g < columns.StepGroups.Count; g++)
            {
                var (workflow, job, step) = columns.StepGroups[g];
                if (columns.StepDurations.Summarise(g, jobStart, buffer) is { } duration) steps.Add(new PipelineDurationGroup(columns.Names[workflow], columns.Names[job], columns.Names[step], duration));
            }

            var workflowList = workflows.OrderBy(static g => g.Workflow, StringComparer.Ordinal).ToList();
            var queueList = queues.OrderBy(static g => g.Workflow, StringComparer.Ordinal).ToList();
            var jobList = jobs.OrderBy(static g => g.Workflow, StringComparer.Ordinal).ThenBy(static g => g.Job, StringComparer.Ordinal).ToList();
            var stepList = steps.OrderBy(static g => g.Workflow, StringComparer.Ordinal).ThenBy(static g => g.Job, StringComparer.Ordinal).ThenBy(static g => g.Step, StringComparer.Ordinal).ToList();
            return new PipelinePerformance(workflowList, queueList, jobList, stepList, Slowest(jobList), Slowest(stepList));
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static List<PipelineDurationGroup> Slowest(List<PipelineDurationGroup> groups) =>
        [.. groups.OrderByDescending(static g => g.Duration.P95Seconds).ThenByDescending(static g => g.Duration.MeanSeconds).Take(Bottlenecks)];
}
