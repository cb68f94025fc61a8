namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// The run routes' columns over runs in creation order (position = index): completed runs' durations and every
/// started run's queue time, sorted once over all runs and per workflow; each run's workflow id and MTTR series id
/// (repository, workflow, branch); and, for DORA, each run's position by id and the positions of the runs at each
/// (repository, sha), oldest first.
/// </summary>
internal sealed class PipelineRunColumns
{
    private readonly Dictionary<long, int> positionById;
    private readonly Dictionary<(string Repository, string Sha), int[]> positionsBySha;

    public PipelineRunColumns(PipelineRun[] runs)
    {
        var workflows = new PipelineFailureColumns.Names();
        var series = new Dictionary<(string, string, string?), int>();
        var seriesKeys = new List<(string Repository, string Workflow, string? Branch)>();
        var upper = new Dictionary<string, string>(StringComparer.Ordinal);
        var bySha = new Dictionary<(string, string), List<int>>();
        positionById = new Dictionary<long, int>(runs.Length);
        Workflow = new int[runs.Length];
        Series = new int[runs.Length];
        List<int> durationGroups = [], durationPositions = [], queueGroups = [], queuePositions = [];
        List<long> durationTicks = [], queueTicks = [];
        for (var i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            var workflow = Workflow[i] = workflows.Id(run.WorkflowName);
            var key = (run.Repository, run.WorkflowName, run.Branch);
            if (!series.TryGetValue(key, out var id))
            {
                series[key] = id = seriesKeys.Count;
                seriesKeys.Add(key);
            }

            Series[i] = id;
            if (run.Duration is { } took)
            {
                durationGroups.Add(workflow);
                durationTicks.Add(took.Ticks);
                durationPositions.Add(i);
            }

            if (run.QueueTime is { } waited)
            {
                queueGroups.Add(workflow);
                queueTicks.Add(waited.Ticks);
                queuePositions.Add(i);
            }

            positionById[run.Id] = i;
            if (!upper.TryGetValue(run.Repository, out var repository)) upper[run.Repository] = repository = run.Repository.ToUpperInvariant();
            if (!bySha.TryGetValue((repository, run.HeadSha), out var at)) bySha[(repository, run.HeadSha)] = at = [];
            at.Add(i);
        }

        positionsBySha = bySha.ToDictionary(static p => p.Key, static p => p.Value.ToArray());
        WorkflowNames = workflows.All;
        SeriesKeys = seriesKeys;
        var count = WorkflowNames.Count;
        WorkflowDurations = SortedDurations.Build(count, [.. durationGroups], [.. durationTicks], [.. durationPositions]);
        WorkflowQueueTimes = SortedDurations.Build(count, [.. queueGroups], [.. queueTicks], [.. queuePositions]);
        Durations = SortedDurations.Build(1, new int[durationGroups.Count], [.. durationTicks], [.. durationPositions]);
        QueueTimes = SortedDurations.Build(1, new int[queueGroups.Count], [.. queueTicks], [.. queuePositions]);
        LargestGroup = Math.Max(Math.Max(Durations.LargestGroup(), QueueTimes.LargestGroup()), 1);
    }

    public IReadOnlyList<string> WorkflowNames { get; }

    /// <summary>Each run's workflow id.</summary>
    public int[] Workflow { get; }

    /// <summary>Each run's MTTR series id (<see cref="SeriesKeys"/>).</summary>
    public int[] Series { get; }

    public IReadOnlyList<(string Repository, string Workflow, string? Branch)> SeriesKeys { get; }

    /// <summary>Completed runs' durations per workflow.</summary>
    public SortedDurations WorkflowDurations { get; }

    /// <summary>Started runs' queue times per workflow.</summary>
    public SortedDurations WorkflowQueueTimes { get; }

    /// <summary>Completed runs' durations, one group.</summary>
    public SortedDurations Durations { get; }

    /// <summary>Started runs' queue times, one group.</summary>
    public SortedDurations QueueTimes { get; }

    /// <summary>A buffer of this size serves every group.</summary>
    public int LargestGroup { get; }

    /// <summary>
    /// The deploying run as DORA finds it among the runs from position <paramref name="from"/>: the deployment's run,
    /// else the earliest run at its sha (of its repository, case-insensitive); null when there is none.
    /// </summary>
    public PipelineRun? RunOf(PipelineDeployment deployment, PipelineRun[] runs, int from)
    {
        if (deployment.RunId is { } id && positionById.TryGetValue(id, out var at) && at >= from) return runs[at];
        if (!positionsBySha.TryGetValue((deployment.Repository.ToUpperInvariant(), deployment.Sha), out var positions)) return null;
        foreach (var position in positions)
        {
            if (position >= from) return runs[position];
        }

        return null;
    }
}
