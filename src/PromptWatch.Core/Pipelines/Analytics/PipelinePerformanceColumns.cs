namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// The performance route's columns: completed runs' durations and queue times per workflow (by run position),
/// completed jobs' durations per workflow and job, and their steps' durations per workflow, job and step (by their
/// job's position), each group sorted once (<see cref="SortedDurations"/>). Names are interned by ordinal text.
/// </summary>
internal sealed class PipelinePerformanceColumns
{
    public PipelinePerformanceColumns(PipelineRun[] runs, PipelineJob[] jobs)
    {
        var workflows = new PipelineFailureColumns.Names();
        var durationGroups = new List<int>(runs.Length);
        var durationTicks = new List<long>(runs.Length);
        var durationPositions = new List<int>(runs.Length);
        var queueGroups = new List<int>(runs.Length);
        var queueTicks = new List<long>(runs.Length);
        var queuePositions = new List<int>(runs.Length);
        for (var i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            if (run.Duration is { } took)
            {
                durationGroups.Add(workflows.Id(run.WorkflowName));
                durationTicks.Add(took.Ticks);
                durationPositions.Add(i);
            }

            if (run.IsCompleted && run.QueueTime is { } waited)
            {
                queueGroups.Add(workflows.Id(run.WorkflowName));
                queueTicks.Add(waited.Ticks);
                queuePositions.Add(i);
            }
        }

        WorkflowNames = workflows.All;
        WorkflowDurations = SortedDurations.Build(WorkflowNames.Count, [.. durationGroups], [.. durationTicks], [.. durationPositions]);
        WorkflowQueueTimes = SortedDurations.Build(WorkflowNames.Count, [.. queueGroups], [.. queueTicks], [.. queuePositions]);

        var names = new PipelineFailureColumns.Names();
        var jobKeys = new Dictionary<(int Workflow, int Job), int>();
        var stepKeys = new Dictionary<(int Workflow, int Job, int Step), int>();
        var jobGroupList = new List<(int Workflow, int Job)>();
        var stepGroupList = new List<(int Workflow, int Job, int Step)>();
        var jobGroups = new List<int>(jobs.Length);
        var jobTicks = new List<long>(jobs.Length);
        var jobPositions = new List<int>(jobs.Length);
        var stepGroups = new List<int>(jobs.Length * 3);
        var stepTicks = new List<long>(jobs.Length * 3);
        var stepPositions = new List<int>(jobs.Length * 3);
        for (var i = 0; i < jobs.Length; i++)
        {
            var job = jobs[i];
            if (!job.IsCompleted) continue;
            var workflow = names.Id(job.WorkflowName ?? string.Empty);
            var name = names.Id(job.Name);
            if (job.Duration is { } took)
            {
                if (!jobKeys.TryGetValue((workflow, name), out var group))
                {
                    jobKeys[(workflow, name)] = group = jobGroupList.Count;
                    jobGroupList.Add((workflow, name));
                }

                jobGroups.Add(group);
                jobTicks.Add(took.Ticks);
                jobPositions.Add(i);
            }

            foreach (var step in job.Steps)
            {
                if (step.Duration is not { } stepTook) continue;
                var key = (workflow, name, names.Id(step.Name));
                if (!stepKeys.TryGetValue(key, out var group))
                {
                    stepKeys[key] = group = stepGroupList.Count;
                    stepGroupList.Add(key);
                }

                stepGroups.Add(group);
                stepTicks.Add(stepTook.Ticks);
                stepPositions.Add(i);
            }
        }

        Names = names.All;
        JobGroups = jobGroupList;
        StepGroups = stepGroupList;
        JobDurations = SortedDurations.Build(jobGroupList.Count, [.. jobGroups], [.. jobTicks], [.. jobPositions]);
        StepDurations = SortedDurations.Build(stepGroupList.Count, [.. stepGroups], [.. stepTicks], [.. stepPositions]);
        LargestGroup = Math.Max(Math.Max(WorkflowDurations.LargestGroup(), WorkflowQueueTimes.LargestGroup()), Math.Max(JobDurations.LargestGroup(), StepDurations.LargestGroup()));
    }

    /// <summary>The workflows of <see cref="WorkflowDurations"/> and <see cref="WorkflowQueueTimes"/>, by group id.</summary>
    public IReadOnlyList<string> WorkflowNames { get; }

    public SortedDurations WorkflowDurations { get; }

    public SortedDurations WorkflowQueueTimes { get; }

    /// <summary>The names of workflows (of jobs), jobs and steps that <see cref="JobGroups"/> and <see cref="StepGroups"/> refer to.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<(int Workflow, int Job)> JobGroups { get; }

    public IReadOnlyList<(int Workflow, int Job, int Step)> StepGroups { get; }

    public SortedDurations JobDurations { get; }

    public SortedDurations StepDurations { get; }

    /// <summary>The size of the largest group of all four.</summary>
    public int LargestGroup { get; }
}
