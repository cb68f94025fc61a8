namespace PromptWatch.Pipelines.Analytics;

/// <summary>The four DORA figures of one environment over the window.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Deployments">Deployments created in the window.</param>
/// <param name="Successful">Those that reached the environment (latest state success or inactive).</param>
/// <param name="Failed">Those whose latest state is failure or error.</param>
/// <param name="DeploymentsPerDay">Successful deployments divided by the window's days.</param>
/// <param name="LeadTime">Lead time for changes: from the change's time to its successful deployment's time.</param>
/// <param name="LeadTimeFrom">How many lead times started at the head commit's time (<c>commit</c>), at the deploying run's creation (<c>run</c>), or at the deployment's creation (<c>deployment</c>).</param>
/// <param name="ChangeFailureRate">Failed divided by successful plus failed.</param>
/// <param name="TimeToRestore">From a failed deployment after a successful one to the next successful one.</param>
internal sealed record PipelineDoraEnvironment(
    string Environment,
    int Deployments,
    int Successful,
    int Failed,
    double DeploymentsPerDay,
    DurationSummary LeadTime,
    IReadOnlyDictionary<string, int> LeadTimeFrom,
    double ChangeFailureRate,
    DurationSummary TimeToRestore);

/// <summary>DORA figures per environment (environments compared case-insensitively; named as first seen).</summary>
internal static class PipelineDora
{
    /// <summary>The figures, the deploying run of each deployment found by <paramref name="runOf"/> (null: none).</summary>
    public static IReadOnlyList<PipelineDoraEnvironment> Compute(IReadOnlyList<PipelineDeployment> deployments, Func<PipelineDeployment, PipelineRun?> runOf, int lookbackDays)
    {
        var result = new List<PipelineDoraEnvironment>();
        foreach (var group in deployments.GroupBy(static d => d.Environment, StringComparer.OrdinalIgnoreCase))
        {
            var ordered = group.OrderBy(static d => d.CreatedAt).ThenBy(static d => d.Id).ToList();
            int successful = 0, failed = 0;
            var leads = new List<double>();
            var from = new Dictionary<string, int>(StringComparer.Ordinal) { ["commit"] = 0, ["run"] = 0, ["deployment"] = 0 };
            var restores = new List<double>();
            DateTimeOffset? failedAt = null;
            var sawSuccess = false;
            foreach (var deployment in ordered)
            {
                var at = deployment.LatestStateAt ?? deployment.CreatedAt;
                if (PipelineOutcome.IsDeployed(deployment))
                {
                    successful++;
                    var run = runOf(deployment);
                    var (start, source) = run?.CommitAt is { } committed ? (committed, "commit") : run is not null ? (run.CreatedAt, "run") : (deployment.CreatedAt, "deployment");
                    from[source]++;
                    leads.Add(Math.Max(0, (at - start).TotalSeconds));
                    if (failedAt is { } opened) restores.Add(Math.Max(0, (at - opened).TotalSeconds));
                    failedAt = null;
                    sawSuccess = true;
                }
                else if (PipelineOutcome.IsFailedDeployment(deployment))
                {
                    failed++;
                    if (sawSuccess) failedAt ??= at;
                }
            }

            result.Add(new PipelineDoraEnvironment(group.First().Environment, ordered.Count, successful, failed, (double)successful / lookbackDays,
                Percentiles.Summarise(leads), from, PipelineOutcome.Rate(failed, successful + failed), Percentiles.Summarise(restores)));
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Environment, b.Environment));
        return result;
    }
}
