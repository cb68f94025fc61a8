using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PromptWatch.Pipelines;
using StackExchange.Redis;

namespace PromptWatch.Redis;

/// <summary>
/// An <see cref="IPipelineStore"/> in Redis, shared by every replica with the same Redis and
/// <see cref="RedisPipelineStoreOptions.KeyPrefix"/>: a webhook that reaches one replica is seen by all. Runs, jobs
/// and deployments are hashes of JSON by id (<c>{prefix}runs</c>, <c>{prefix}jobs</c>, <c>{prefix}deployments</c>),
/// each with a sorted set by creation time (<c>...:by-created</c>); a run's jobs are the set
/// <c>{prefix}run-jobs:{id}</c> and a deployment's statuses the hash <c>{prefix}statuses:{id}</c> (statuses that arrive
/// before their deployment wait in <c>{prefix}statuses:waiting</c>, at most <see cref="PipelineOptions.MaxRuns"/>
/// deployments' worth, until it comes or the retention passes); every change raises
/// the version <c>{prefix}version</c> in the same script, which the analytics read to keep what they read. The precedence is
/// the model's (<see cref="PipelineRun.Supersedes"/>, <see cref="PipelineJob.Supersedes"/>), applied with a
/// compare-and-set script, so of two replicas writing the same run the later state wins and none is lost. The limits
/// are the in-memory store's, kept on every write: <see cref="PipelineOptions.RetentionDays"/>,
/// <see cref="PipelineOptions.MaxRuns"/> runs and deployments, 20 jobs per run kept (<c>MaxRuns</c> × 20 in all); reads
/// leave out what is past the retention.
/// Failures are <see cref="PromptWatchException"/>s that name the endpoint and the cause, never the password.
/// </summary>
public sealed class RedisPipelineStore : IPipelineStore, IAsyncDisposable, IDisposable
{
    private const int MaxAttempts = 32;
    private readonly RedisConnection _connection;
    private readonly bool _ownsConnection;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private readonly int _maxRuns;
    private readonly int _maxJobs;
    private readonly string _prefix;
    private readonly RedisKey _runs;
    private readonly RedisKey _runIndex;
    private readonly RedisKey _jobs;
    private readonly RedisKey _jobIndex;
    private readonly RedisKey _deployments;
    private readonly RedisKey _deploymentIndex;
    private readonly RedisKey _waiting;
    private readonly RedisKey _version;

    /// <summary>Creates a store with a connection of its own; dispose the store to close it.</summary>
    /// <param name="connection">Where Redis is (its key prefix is not used).</param>
    /// <param name="options">The key prefix; the default when <see langword="null"/>.</param>
    /// <param name="pipelineOptions">Retention and caps; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock retention is measured by; the system clock when <see langword="null"/>.</param>
    public RedisPipelineStore(RedisCounterStoreOptions connection, RedisPipelineStoreOptions? options = null, PipelineOptions? pipelineOptions = null, TimeProvider? timeProvider = null)
        : this(new RedisConnection(connection ?? throw new ArgumentNullException(nameof(connection)), null), ownsConnection: true, options ?? new RedisPipelineStoreOptions(), pipelineOptions ?? new PipelineOptions(), timeProvider)
    {
    }

    internal RedisPipelineStore(RedisConnection connection, bool ownsConnection, RedisPipelineStoreOptions options, PipelineOptions pipelineOptions, TimeProvider? timeProvider)
    {
        var failures = RedisPipelineStoreOptionsValidator.Check(options);
        if (failures.Count > 0) throw new ArgumentException("Invalid Redis pipeline store options: " + string.Join(" ", failures), nameof(options));
        _connection = connection;
        _ownsConnection = ownsConnection;
        _time = timeProvider ?? TimeProvider.System;
        _retention = TimeSpan.FromDays(pipelineOptions.RetentionDays);
        _maxRuns = pipelineOptions.MaxRuns;
        _maxJobs = checked(pipelineOptions.MaxRuns * 20);
        _prefix = options.KeyPrefix;
        _runs = _prefix + "runs";
        _runIndex = _prefix + "runs:by-created";
        _jobs = _prefix + "jobs";
        _jobIndex = _prefix + "jobs:by-created";
        _deployments = _prefix + "deployments";
        _deploymentIndex = _prefix + "deployments:by-created";
        _waiting = _prefix + "statuses:waiting";
        _version = _prefix + "version";
    }

    /// <summary>The prefix of every key of the store.</summary>
    public string KeyPrefix => _prefix;

    private DateTimeOffset Cutoff => _time.GetUtcNow() - _retention;

    /// <inheritdoc />
    public ValueTask<bool> UpsertRunAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.CreatedAt < Cutoff) return ValueTask.FromResult(false);
        return PutAsync(_runs, _runIndex, null, run.Id, run.CreatedAt, RedisPipelineJson.Default.PipelineRun, stored => PipelineRun.Supersedes(run, stored) && run != stored ? run : null, $"save run {run.Id}", cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> UpsertJobAsync(PipelineJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.CreatedAt < Cutoff) return ValueTask.FromResult(false);
        return PutAsync(_jobs, _jobIndex, RunJobs(job.RunId), job.Id, job.CreatedAt, RedisPipelineJson.Default.PipelineJob, stored => PipelineJob.Supersedes(job, stored) && !Same(job, stored) ? job : null, $"save job {job.Id}", cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> UpsertDeploymentAsync(PipelineDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.CreatedAt < Cutoff) return false;
        var changed = await PutAsync(_deployments, _deploymentIndex, null, deployment.Id, deployment.CreatedAt, RedisPipelineJson.Default.PipelineDeployment, stored =>
        {
            var merged = deployment;
            // A state the store knows and the incoming deployment lacks (a poll without statuses) stays.
            if (stored?.LatestStateAt is { } storedAt && (deployment.LatestStateAt is null || deployment.LatestStateAt < storedAt))
            {
                merged = deployment with { LatestState = stored.LatestState, LatestStateAt = stored.LatestStateAt };
            }

            if (merged.RunId is null && stored?.RunId is { } runId) merged = merged with { RunId = runId };
            return merged == stored ? null : merged;
        }, $"save deployment {deployment.Id}", cancellationToken).ConfigureAwait(false);
        // Its statuses wait for it no longer.
        await RunAsync($"save deployment {deployment.Id}", db => db.SortedSetRemoveAsync(_waiting, Id(deployment.Id)), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <inheritdoc />
    public async ValueTask<bool> AddDeploymentStatusAsync(PipelineDeploymentStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.CreatedAt < Cutoff) return false;
        var json = JsonSerializer.Serialize(status, RedisPipelineJson.Default.PipelineDeploymentStatus);
        // The deployment's latest state is the newest of its stored state and its statuses, decided when it is read. A
        // status may arrive before its deployment; the deployments waiting so are bounded like deployments (MaxRuns).
        RedisKey[] keys = [Statuses(status.DeploymentId), _deployments, _waiting, _version];
        RedisValue[] values = [Id(status.Id), json, Id(status.DeploymentId), _maxRuns, status.CreatedAt.ToUnixTimeMilliseconds()];
        var added = await RunAsync($"save status {status.Id} of deployment {status.DeploymentId}", db => db.ScriptEvaluateAsync(RedisPipelineScripts.AddStatus, keys, values), cancellationToken).ConfigureAwait(false);
        return (long)added == 1;
    }

    /// <inheritdoc />
    public async ValueTask<PipelineRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        var value = await RunAsync($"read run {runId}", db => db.HashGetAsync(_runs, Id(runId)), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : Read(value, RedisPipelineJson.Default.PipelineRun) is { } run && run.CreatedAt >= Cutoff ? run : null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PipelineJob>> GetJobsAsync(long runId, CancellationToken cancellationToken)
    {
        var ids = await RunAsync($"read the jobs of run {runId}", db => db.SetMembersAsync(RunJobs(runId)), cancellationToken).ConfigureAwait(false);
        if (ids.Length == 0) return [];
        var values = await RunAsync($"read the jobs of run {runId}", db => db.HashGetAsync(_jobs, ids), cancellationToken).ConfigureAwait(false);
        var cutoff = Cutoff;
        var jobs = values.Where(static v => !v.IsNull).Select(v => Read(v, RedisPipelineJson.Default.PipelineJob)).Where(j => j.RunId == runId && j.CreatedAt >= cutoff).ToList();
        if (jobs.Count == 0) return [];
        var attempt = jobs.Max(static j => j.RunAttempt);
        jobs.RemoveAll(j => j.RunAttempt != attempt);
        jobs.Sort(PipelineJobOrder.ByStart);
        return jobs;
    }

    /// <inheritdoc />
    public async ValueTask<PipelinePage<PipelineRun>> QueryRunsAsync(PipelineRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var perPage = Math.Clamp(query.PerPage, 1, PipelineRunQuery.MaxPerPage);
        var from = Later(query.CreatedFrom ?? DateTimeOffset.MinValue, Cutoff);
        var to = query.CreatedTo ?? DateTimeOffset.MaxValue;
        if (from > to) return new PipelinePage<PipelineRun>([], page, perPage, 0);
        var runs = await RangeAsync(_runs, _runIndex, from, to, newestFirst: true, RedisPipelineJson.Default.PipelineRun, "query runs", cancellationToken).ConfigureAwait(false);
        var matching = runs.Where(query.Matches).ToList();
        var skip = (long)(page - 1) * perPage;
        return new PipelinePage<PipelineRun>(matching.Skip((int)Math.Min(skip, int.MaxValue)).Take(perPage).ToList(), page, perPage, matching.Count);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PipelineRun>> GetRunsSinceAsync(DateTimeOffset since, string? repository, CancellationToken cancellationToken)
    {
        var runs = await RangeAsync(_runs, _runIndex, Later(since, Cutoff), DateTimeOffset.MaxValue, newestFirst: false, RedisPipelineJson.Default.PipelineRun, "read runs", cancellationToken).ConfigureAwait(false);
        return repository is null ? runs : runs.Where(r => string.Equals(r.Repository, repository, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PipelineJob>> GetJobsSinceAsync(DateTimeOffset since, string? repository, CancellationToken cancellationToken)
    {
        var jobs = await RangeAsync(_jobs, _jobIndex, Later(since, Cutoff), DateTimeOffset.MaxValue, newestFirst: false, RedisPipelineJson.Default.PipelineJob, "read jobs", cancellationToken).ConfigureAwait(false);
        return repository is null ? jobs : jobs.Where(j => string.Equals(j.Repository, repository, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PipelineDeployment>> GetDeploymentsAsync(string? repository, string? environment, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var deployments = await RangeAsync(_deployments, _deploymentIndex, Later(since ?? DateTimeOffset.MinValue, Cutoff), DateTimeOffset.MaxValue, newestFirst: true, RedisPipelineJson.Default.PipelineDeployment, "read deployments", cancellationToken).ConfigureAwait(false);
        var result = new List<PipelineDeployment>();
        foreach (var deployment in deployments)
        {
            if (repository is not null && !string.Equals(deployment.Repository, repository, StringComparison.OrdinalIgnoreCase)) continue;
            if (environment is not null && !string.Equals(deployment.Environment, environment, StringComparison.OrdinalIgnoreCase)) continue;
            var statuses = await GetDeploymentStatusesAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
            result.Add(statuses.Count > 0 && (deployment.LatestStateAt is null || statuses[^1].CreatedAt >= deployment.LatestStateAt)
                ? deployment with { LatestState = statuses[^1].State, LatestStateAt = statuses[^1].CreatedAt }
                : deployment);
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PipelineDeploymentStatus>> GetDeploymentStatusesAsync(long deploymentId, CancellationToken cancellationToken)
    {
        var values = await RunAsync($"read the statuses of deployment {deploymentId}", db => db.HashValuesAsync(Statuses(deploymentId)), cancellationToken).ConfigureAwait(false);
        return values.Select(v => Read(v, RedisPipelineJson.Default.PipelineDeploymentStatus)).OrderBy(static s => s.CreatedAt).ThenBy(static s => s.Id).ToList();
    }

    /// <inheritdoc />
    public async ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken)
    {
        var value = await RunAsync("read the pipeline store's version", db => db.StringGetAsync(_version), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    /// <summary>Closes the store's own connection (one made by the host is the host's to close).</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the store's own connection.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Reads the stored value, lets <paramref name="decide"/> choose what to store (null: nothing), and writes it only
    /// if nobody wrote in between; tries again otherwise. Trims afterwards; true when the value was stored and kept.
    /// </summary>
    private async ValueTask<bool> PutAsync<T>(RedisKey hash, RedisKey index, RedisKey? set, long id, DateTimeOffset createdAt, JsonTypeInfo<T> type, Func<T?, T?> decide, string action, CancellationToken cancellationToken)
        where T : class
    {
        var field = Id(id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await RunAsync(action, db => db.HashGetAsync(hash, field), cancellationToken).ConfigureAwait(false);
            var stored = current.IsNull ? null : Read(current, type);
            if (decide(stored) is not { } next) return false;
            RedisKey[] keys = set is { } s ? [hash, index, _version, s] : [hash, index, _version];
            RedisValue[] values = [field, current.IsNull ? string.Empty : current, JsonSerializer.Serialize(next, type), createdAt.ToUnixTimeMilliseconds()];
            var written = await RunAsync(action, db => db.ScriptEvaluateAsync(RedisPipelineScripts.Put, keys, values), cancellationToken).ConfigureAwait(false);
            if ((long)written != 1) continue;
            await TrimAsync(cancellationToken).ConfigureAwait(false);
            return await RunAsync(action, db => db.HashExistsAsync(hash, field), cancellationToken).ConfigureAwait(false);
        }

        throw new PromptWatchException($"Could not {action} in Redis at {_connection.Settings.Display}: other writers changed it {MaxAttempts} times in a row.");
    }

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        RedisKey[] keys = [_runs, _runIndex, _jobs, _jobIndex, _deployments, _deploymentIndex, _waiting, _version];
        RedisValue[] values = [Cutoff.ToUnixTimeMilliseconds(), _maxRuns, _maxJobs, _prefix + "run-jobs:", _prefix + "statuses:"];
        await RunAsync("trim the pipeline store", db => db.ScriptEvaluateAsync(RedisPipelineScripts.Trim, keys, values), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<List<T>> RangeAsync<T>(RedisKey hash, RedisKey index, DateTimeOffset from, DateTimeOffset to, bool newestFirst, JsonTypeInfo<T> type, string action, CancellationToken cancellationToken)
    {
        if (from > to) return [];
        var start = from.ToUnixTimeMilliseconds();
        var stop = to == DateTimeOffset.MaxValue ? double.PositiveInfinity : to.ToUnixTimeMilliseconds();
        var entries = await RunAsync(action, db => db.SortedSetRangeByScoreWithScoresAsync(index, start, stop), cancellationToken).ConfigureAwait(false);
        if (entries.Length == 0) return [];
        // Same creation time: by id, as the in-memory store orders them.
        var ordered = entries.OrderBy(static e => e.Score).ThenBy(static e => (long)e.Element).Select(static e => e.Element).ToArray();
        if (newestFirst) Array.Reverse(ordered);
        var values = await RunAsync(action, db => db.HashGetAsync(hash, ordered), cancellationToken).ConfigureAwait(false);
        return values.Where(static v => !v.IsNull).Select(v => Read(v, type)).ToList();
    }

    private RedisKey RunJobs(long runId) => _prefix + "run-jobs:" + Id(runId);

    private RedisKey Statuses(long deploymentId) => _prefix + "statuses:" + Id(deploymentId);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool Same(PipelineJob incoming, PipelineJob? stored) =>
        stored is not null && incoming with { Steps = stored.Steps } == stored && incoming.Steps.SequenceEqual(stored.Steps);

    private T Read<T>(RedisValue value, JsonTypeInfo<T> type)
    {
        string reason;
        try
        {
            if (JsonSerializer.Deserialize((string)value!, type) is { } read) return read;
            reason = "null";
        }
        catch (JsonException e)
        {
            reason = e.Message;
        }

        throw new PromptWatchException($"A key of the pipeline store in Redis at {_connection.Settings.Display} holds a value that is no pipeline state ({reason.TrimEnd('.')}); another application may use the key prefix '{_prefix}'.")
        {
            IsPermanent = true,
        };
    }

    private async ValueTask<T> RunAsync<T>(string action, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            return await call(database).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsRedisFailure(e))
        {
            throw RedisFailures.Describe(action, _connection, e);
        }
    }
}
