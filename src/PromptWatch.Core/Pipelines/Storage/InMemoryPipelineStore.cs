namespace PromptWatch.Pipelines;

/// <summary>
/// The default <see cref="IPipelineStore"/>: one process's memory, thread-safe, bounded by
/// <see cref="PipelineOptions.RetentionDays"/> and <see cref="PipelineOptions.MaxRuns"/> (the oldest runs go first, with
/// their jobs). Runs, jobs and deployments are indexed by creation time, so that pages and the analytics' windows read
/// only what they return.
/// </summary>
public sealed class InMemoryPipelineStore : IPipelineStore
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly TimeSpan retention;
    private readonly int maxRuns;
    private readonly int maxJobs;
    private readonly Dictionary<long, PipelineRun> runs = [];
    private readonly SortedSet<TimeKey> runOrder = new(TimeKey.Comparer);
    private readonly Dictionary<long, PipelineJob> jobs = [];
    private readonly Dictionary<long, List<long>> jobsByRun = [];
    private readonly SortedSet<TimeKey> jobOrder = new(TimeKey.Comparer);
    private readonly Dictionary<long, PipelineDeployment> deployments = [];
    private readonly SortedSet<TimeKey> deploymentOrder = new(TimeKey.Comparer);
    private readonly Dictionary<long, List<PipelineDeploymentStatus>> statuses = [];
    private long version;

    /// <summary>Creates the store.</summary>
    /// <param name="options">Retention; the defaults when null.</param>
    /// <param name="timeProvider">The clock retention is measured by; the system clock when null.</param>
    public InMemoryPipelineStore(PipelineOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new PipelineOptions();
        time = timeProvider ?? TimeProvider.System;
        retention = TimeSpan.FromDays(options.RetentionDays);
        maxRuns = options.MaxRuns;
        maxJobs = checked(options.MaxRuns * 20);
    }

    /// <summary>How many runs are stored.</summary>
    public int RunCount
    {
        get
        {
            lock (gate) return runs.Count;
        }
    }

    /// <summary>How many jobs are stored.</summary>
    public int JobCount
    {
        get
        {
            lock (gate) return jobs.Count;
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> UpsertRunAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        var cutoff = time.GetUtcNow() - retention;
        lock (gate)
        {
            if (run.CreatedAt < cutoff) return ValueTask.FromResult(false);
            runs.TryGetValue(run.Id, out var stored);
            if (!PipelineRun.Supersedes(run, stored) || run == stored) return ValueTask.FromResult(false);
            if (stored is not null) runOrder.Remove(new TimeKey(stored.CreatedAt, stored.Id));
            runs[run.Id] = run;
            runOrder.Add(new TimeKey(run.CreatedAt, run.Id));
            version++;
            Trim(cutoff);
            return ValueTask.FromResult(runs.ContainsKey(run.Id));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> UpsertJobAsync(PipelineJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        var cutoff = time.GetUtcNow() - retention;
        lock (gate)
        {
            if (job.CreatedAt < cutoff) return ValueTask.FromResult(false);
            jobs.TryGetValue(job.Id, out var stored);
            if (!PipelineJob.Supersedes(job, stored) || Same(job, stored)) return ValueTask.FromResult(false);
            if (stored is not null)
            {
                jobOrder.Remove(new TimeKey(stored.CreatedAt, stored.Id));
                if (stored.RunId != job.RunId) RemoveFromRun(stored.RunId, stored.Id);
            }

            jobs[job.Id] = job;
            jobOrder.Add(new TimeKey(job.CreatedAt, job.Id));
            version++;
            if (stored is null || stored.RunId != job.RunId)
            {
                if (!jobsByRun.TryGetValue(job.RunId, out var ids)) jobsByRun[job.RunId] = ids = [];
                ids.Add(job.Id);
            }

            Trim(cutoff);
            return ValueTask.FromResult(jobs.ContainsKey(job.Id));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> UpsertDeploymentAsync(PipelineDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        cancellationToken.ThrowIfCancellationRequested();
        var cutoff = time.GetUtcNow() - retention;
        lock (gate)
        {
            if (deployment.CreatedAt < cutoff) return ValueTask.FromResult(false);
            deployments.TryGetValue(deployment.Id, out var stored);
            var merged = deployment;
            if (stored?.LatestStateAt is { } storedAt && (deployment.LatestStateAt is null || deployment.LatestStateAt < storedAt))
            {
                merged = deployment with { LatestState = stored.LatestState, LatestStateAt = stored.LatestStateAt };
            }
            else if (statuses.TryGetValue(deployment.Id, out var known) && known.Count > 0 && (deployment.LatestStateAt is null || known[^1].CreatedAt > deployment.LatestStateAt))
            {
                merged = deployment with { LatestState = known[^1].State, LatestStateAt = known[^1].CreatedAt };
            }

            if (merged.RunId is null && stored?.RunId is { } runId) merged = merged with { RunId = runId };
            if (merged == stored) return ValueTask.FromResult(false);
            if (stored is not null) deploymentOrder.Remove(new TimeKey(stored.CreatedAt, stored.Id));
            deployments[merged.Id] = merged;
            deploymentOrder.Add(new TimeKey(merged.CreatedAt, merged.Id));
            version++;
            Trim(cutoff);
            return ValueTask.FromResult(deployments.ContainsKey(merged.Id));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> AddDeploymentStatusAsync(PipelineDeploymentStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        cancellationToken.ThrowIfCancellationRequested();
        var cutoff = time.GetUtcNow() - retention;
        lock (gate)
        {
            if (status.CreatedAt < cutoff) return ValueTask.FromResult(false);
            if (!statuses.TryGetValue(status.DeploymentId, out var list))
            {
                // A status may arrive before its deployment; those waiting are bounded like deployments.
                if (!deployments.ContainsKey(status.DeploymentId) && statuses.Count - deployments.Count >= maxRuns) return ValueTask.FromResult(false);
                statuses[status.DeploymentId] = list = [];
            }

            if (list.Exists(s => s.Id == status.Id)) return ValueTask.FromResult(false);
            var index = list.FindIndex(s => s.CreatedAt > status.CreatedAt || (s.CreatedAt == status.CreatedAt && s.Id > status.Id));
            if (index < 0) list.Add(status);
            else list.Insert(index, status);
            version++;
            if (deployments.TryGetValue(status.DeploymentId, out var deployment) && (deployment.LatestStateAt is null || status.CreatedAt >= deployment.LatestStateAt))
            {
                deployments[deployment.Id] = deployment with { LatestState = status.State, LatestStateAt = status.CreatedAt };
            }

            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<PipelineRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cutoff = time.GetUtcNow() - retention;
        lock (gate) return ValueTask.FromResult(runs.GetValueOrDefault(runId) is { } run && run.CreatedAt >= cutoff ? run : null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PipelineJob>> GetJobsAsync(long runId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<PipelineJob> result;
        lock (gate)
        {
            if (!jobsByRun.TryGetValue(runId, out var ids) || ids.Count == 0) return ValueTask.FromResult<IReadOnlyList<PipelineJob>>([]);
            result = new List<PipelineJob>(ids.Count);
            foreach (var id in ids) result.Add(jobs[id]);
        }

        var attempt = result.Max(static j => j.RunAttempt);
        result.RemoveAll(j => j.RunAttempt != attempt);
        result.Sort(PipelineJobOrder.ByStart);
        return ValueTask.FromResult<IReadOnlyList<PipelineJob>>(result);
    }

    /// <inheritdoc />
    public ValueTask<PipelinePage<PipelineRun>> QueryRunsAsync(PipelineRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var page = Math.Max(1, query.Page);
        var perPage = Math.Clamp(query.PerPage, 1, PipelineRunQuery.MaxPerPage);
        var skip = (long)(page - 1) * perPage;
        var items = new List<PipelineRun>(perPage);
        var total = 0;
        lock (gate)
        {
            var from = Later(query.CreatedFrom ?? DateTimeOffset.MinValue, time.GetUtcNow() - retention);
            var to = query.CreatedTo ?? DateTimeOffset.MaxValue;
            if (from > to) return ValueTask.FromResult(new PipelinePage<PipelineRun>([], page, perPage, 0));
            var view = runOrder.GetViewBetween(new TimeKey(from, long.MinValue), new TimeKey(to, long.MaxValue));
            foreach (var key in view.Reverse())
            {
                var run = runs[key.Id];
                if (!query.Matches(run)) continue;
                if (total >= skip && items.Count < perPage) items.Add(run);
                total++;
            }
        }

        return ValueTask.FromResult(new PipelinePage<PipelineRun>(items, page, perPage, total));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PipelineRun>> GetRunsSinceAsync(DateTimeOffset since, string? repository, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var result = new List<PipelineRun>();
            since = Later(since, time.GetUtcNow() - retention);
            if (runOrder.Count == 0 || since > runOrder.Max.At) return ValueTask.FromResult<IReadOnlyList<PipelineRun>>(result);
            foreach (var key in runOrder.GetViewBetween(new TimeKey(since, long.MinValue), runOrder.Max))
            {
                var run = runs[key.Id];
                if (repository is null || string.Equals(run.Repository, repository, StringComparison.OrdinalIgnoreCase)) result.Add(run);
            }

            return ValueTask.FromResult<IReadOnlyList<PipelineRun>>(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PipelineJob>> GetJobsSinceAsync(DateTimeOffset since, string? repository, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var result = new List<PipelineJob>();
            since = Later(since, time.GetUtcNow() - retention);
            if (jobOrder.Count == 0 || since > jobOrder.Max.At) return ValueTask.FromResult<IReadOnlyList<PipelineJob>>(result);
            foreach (var key in jobOrder.GetViewBetween(new TimeKey(since, long.MinValue), jobOrder.Max))
            {
                var job = jobs[key.Id];
                if (repository is null || string.Equals(job.Repository, repository, StringComparison.OrdinalIgnoreCase)) result.Add(job);
            }

            return ValueTask.FromResult<IReadOnlyList<PipelineJob>>(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PipelineDeployment>> GetDeploymentsAsync(string? repository, string? environment, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var result = new List<PipelineDeployment>();
            var from = Later(since ?? DateTimeOffset.MinValue, time.GetUtcNow() - retention);
            if (deploymentOrder.Count == 0 || from > deploymentOrder.Max.At) return ValueTask.FromResult<IReadOnlyList<PipelineDeployment>>(result);
            foreach (var key in deploymentOrder.GetViewBetween(new TimeKey(from, long.MinValue), deploymentOrder.Max).Reverse())
            {
                var deployment = deployments[key.Id];
                if (repository is not null && !string.Equals(deployment.Repository, repository, StringComparison.OrdinalIgnoreCase)) continue;
                if (environment is not null && !string.Equals(deployment.Environment, environment, StringComparison.OrdinalIgnoreCase)) continue;
                result.Add(deployment);
            }

            return ValueTask.FromResult<IReadOnlyList<PipelineDeployment>>(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PipelineDeploymentStatus>> GetDeploymentStatusesAsync(long deploymentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return ValueTask.FromResult<IReadOnlyList<PipelineDeploymentStatus>>(statuses.TryGetValue(deploymentId, out var list) ? [.. list] : []);
        }
    }

    /// <inheritdoc />
    public ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate) return ValueTask.FromResult<long?>(version);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool Same(PipelineJob incoming, PipelineJob? stored) =>
        stored is not null && incoming with { Steps = stored.Steps } == stored && incoming.Steps.SequenceEqual(stored.Steps);

    private void Trim(DateTimeOffset cutoff)
    {
        while (runOrder.Count > 0 && (runOrder.Count > maxRuns || runOrder.Min.At < cutoff))
        {
            var oldest = runOrder.Min;
            runOrder.Remove(oldest);
            version++;
            runs.Remove(oldest.Id);
            if (jobsByRun.Remove(oldest.Id, out var ids))
            {
                foreach (var id in ids)
                {
                    if (jobs.Remove(id, out var job)) jobOrder.Remove(new TimeKey(job.CreatedAt, job.Id));
                }
            }
        }

        while (jobOrder.Count > 0 && (jobOrder.Count > maxJobs || jobOrder.Min.At < cutoff))
        {
            var oldest = jobOrder.Min;
            jobOrder.Remove(oldest);
            version++;
            if (jobs.Remove(oldest.Id, out var job)) RemoveFromRun(job.RunId, job.Id);
        }

        while (deploymentOrder.Count > 0 && (deploymentOrder.Count > maxRuns || deploymentOrder.Min.At < cutoff))
        {
            var oldest = deploymentOrder.Min;
            deploymentOrder.Remove(oldest);
            version++;
            deployments.Remove(oldest.Id);
            statuses.Remove(oldest.Id);
        }
    }

    private void RemoveFromRun(long runId, long jobId)
    {
        if (!jobsByRun.TryGetValue(runId, out var ids)) return;
        ids.Remove(jobId);
        if (ids.Count == 0) jobsByRun.Remove(runId);
    }

    private readonly record struct TimeKey(DateTimeOffset At, long Id)
    {
        public static IComparer<TimeKey> Comparer { get; } = Comparer<TimeKey>.Create(static (a, b) =>
        {
            var byTime = a.At.UtcTicks.CompareTo(b.At.UtcTicks);
            return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
        });
    }
}
