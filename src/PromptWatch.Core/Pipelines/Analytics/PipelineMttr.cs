namespace PromptWatch.Pipelines.Analytics;

/// <summary>One incident of one workflow on one branch: from a failing run to the next passing one.</summary>
internal sealed record PipelineIncident(string Repository, string Workflow, string? Branch, long FailedRunId, DateTimeOffset FailedAt, long? RestoredRunId, DateTimeOffset? RestoredAt, int FailedRuns)
{
    public double? RecoverySeconds => RestoredAt is { } restored ? (restored - FailedAt).TotalSeconds : null;
}

/// <summary>Mean time to recovery: the median and mean of the resolved incidents' recovery times, and every incident.</summary>
internal sealed record PipelineMttr(int Incidents, int Resolved, double? MedianSeconds, double? MeanSeconds, IReadOnlyList<PipelineIncident> Items)
{
    /// <summary>
    /// Per repository, workflow and branch, the completed runs that passed or failed, in creation order: an incident opens
    /// at the first failing run after a passing one (its completion time) and closes at the next passing run (its
    /// completion time). A failure with no earlier pass in the window opens no incident; an incident not closed yet is
    /// listed without counting in the median and mean.
    /// </summary>
    /// <param name="runs">Oldest first (creation time, then id), so each series is walked in creation order in one pass.</param>
    /// <param name="columns">The runs' series.</param>
    /// <param name="start">The position of the first run in the window.</param>
    public static PipelineMttr Compute(PipelineRun[] runs, PipelineRunColumns columns, int start)
    {
        var count = columns.SeriesKeys.Count;
        var perSeries = new List<PipelineIncident>?[count];
        var opened = new int[count];
        var failed = new int[count];
        var sawSuccess = new bool[count];
        var seen = new bool[count];
        var order = new List<int>();
        Array.Fill(opened, -1);
        for (var i = start; i < runs.Length; i++)
        {
            var run = runs[i];
            var success = PipelineOutcome.IsSuccess(run.Conclusion);
            if (!run.IsCompleted || !(success || PipelineOutcome.IsFailure(run.Conclusion))) continue;
            var s = columns.Series[i];
            if (!seen[s])
            {
                seen[s] = true;
                order.Add(s);
            }

            if (success)
            {
                if (opened[s] >= 0) (perSeries[s] ??= []).Add(Incident(columns.SeriesKeys[s], runs[opened[s]], run, failed[s]));
                opened[s] = -1;
                failed[s] = 0;
                sawSuccess[s] = true;
            }
            else if (sawSuccess[s])
            {
                if (opened[s] < 0) opened[s] = i;
                failed[s]++;
            }
        }

        var incidents = new List<PipelineIncident>();
        foreach (var s in order)
        {
            if (perSeries[s] is { } closed) incidents.AddRange(closed);
            if (opened[s] >= 0) incidents.Add(Incident(columns.SeriesKeys[s], runs[opened[s]], null, failed[s]));
        }

        return Summarise(incidents);
    }

    private static PipelineIncident Incident((string Repository, string Workflow, string? Branch) key, PipelineRun opened, PipelineRun? restored, int failed) =>
        new(key.Repository, key.Workflow, key.Branch, opened.Id, opened.UpdatedAt, restored?.Id, restored?.UpdatedAt, failed);

    private static PipelineMttr Summarise(List<PipelineIncident> incidents)
    {
        incidents.Sort(static (a, b) => b.FailedAt.CompareTo(a.FailedAt));
        var times = incidents.Where(static i => i.RecoverySeconds is not null).Select(static i => i.RecoverySeconds!.Value).ToList();
        times.Sort();
        return new PipelineMttr(incidents.Count, times.Count, Percentiles.Median(times), times.Count == 0 ? null : times.Average(), incidents);
    }
}
