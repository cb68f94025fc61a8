using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Parsing;
using PromptWatch.Repositories;
using PromptWatch.Results;

namespace PromptWatch.Workspaces;

/// <summary>
/// Creates each workspace on its first request (exactly once, however many requests race for it), keeps at most
/// <see cref="WorkspaceOptions.MaxAlive"/> alive (evicting the least recently used), evicts idle ones after
/// <see cref="WorkspaceOptions.IdleTimeout"/>, and stops them all when the host stops. Registered by <c>AddWorkspaces()</c>.
/// </summary>
public sealed partial class WorkspaceManager : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<WorkspaceKey, Workspace> _alive = [];
    private readonly ConcurrentDictionary<Workspace, Task> _stopping = new();
    private readonly ConcurrentDictionary<WorkspaceKey, Lazy<Workspace>> _creating = new();
    private readonly WorkspaceOptions _options;
    private readonly PromptWatchOptions _root;
    private readonly WorkspaceAddressing _addressing;
    private readonly IWorkspaceCredentialSource _credentials;
    private readonly IWorkspaceResultStoreFactory? _resultStores;
    private readonly PromptWatchMetrics _metrics;
    private readonly WorkspaceMetrics _workspaceMetrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConfigParserSelector? _parsers;
    private readonly IRepositorySourceFactory? _repositorySources;
    private readonly string _cacheDirectory;
    private ITimer? _idleTimer;
    private bool _disposed;
    private long _created;

    /// <summary>Creates the manager; no workspace exists before its first request.</summary>
    /// <param name="options">The workspace settings.</param>
    /// <param name="rootOptions">The host's PromptWatch settings (poll interval, result intervals, file size cap).</param>
    /// <param name="credentials">Where each user's secrets come from.</param>
    /// <param name="metrics">Where the workspaces' refreshes and scans are counted.</param>
    /// <param name="workspaceMetrics">Where workspaces are counted.</param>
    /// <param name="loggerFactory">Where to log.</param>
    /// <param name="timeProvider">The clock (idle eviction runs on its timers).</param>
    /// <param name="parsers">Parsers by file glob, if any.</param>
    /// <param name="resultStores">Builds each workspace's result store; without it workspaces have no results.</param>
    /// <param name="repositorySources">
    /// Makes the source each workspace's monitor reads its repository through, as for the host's own repositories
    /// (<c>AddWorkspaces()</c> passes the registered <see cref="IRepositorySourceFactory"/>); <see cref="RepositorySource.Create"/> when <see langword="null"/>.
    /// </param>
    public WorkspaceManager(
        IOptions<WorkspaceOptions> options,
        IOptions<PromptWatchOptions> rootOptions,
        IWorkspaceCredentialSource credentials,
        PromptWatchMetrics metrics,
        WorkspaceMetrics workspaceMetrics,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        ConfigParserSelector? parsers = null,
        IWorkspaceResultStoreFactory? resultStores = null,
        IRepositorySourceFactory? repositorySources = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rootOptions);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(workspaceMetrics);
        _options = options.Value;
        _root = rootOptions.Value;
        _addressing = new WorkspaceAddressing(_options);
        _credentials = credentials;
        _metrics = metrics;
        _workspaceMetrics = workspaceMetrics;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<WorkspaceManager>();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _parsers = parsers;
        _repositorySources = repositorySources;
        _resultStores = string.IsNullOrWhiteSpace(_options.S3Endpoint) ? null : resultStores;
        _cacheDirectory = _options.CacheDirectory ?? Path.Combine(_root.CacheDirectory ?? RepositorySourceOptions.DefaultCacheDirectory, "workspaces");
    }

    /// <summary>The settings.</summary>
    public WorkspaceOptions Options => _options;

    /// <summary>Whether workspaces have result stores (a factory is registered and <see cref="WorkspaceOptions.S3Endpoint"/> is set).</summary>
    public bool HasResults => _resultStores is not null;

    /// <summary>The number of workspaces alive now; never more than <see cref="WorkspaceOptions.MaxAlive"/>.</summary>
    public int AliveCount
    {
        get
        {
            lock (_lock) return _alive.Count;
        }
    }

    /// <summary>The number of evicted workspaces whose loop or last requests have not ended yet.</summary>
    public int StoppingCount => _stopping.Count;

    /// <summary>The number of workspaces created since the host started.</summary>
    public long CreatedCount => Interlocked.Read(ref _created);

    /// <summary>The workspaces alive now.</summary>
    public IReadOnlyList<Workspace> Alive
    {
        get
        {
            lock (_lock) return [.. _alive.Values];
        }
    }

    /// <summary>Whether <paramref name="user"/> and <paramref name="cluster"/> name a workspace (the user matches the pattern, the cluster is allowed).</summary>
    /// <param name="user">The user from the route.</param>
    /// <param name="cluster">The cluster from the route; <see langword="null"/> for <see cref="WorkspaceOptions.DefaultCluster"/>.</param>
    /// <param name="key">The workspace's key.</param>
    /// <returns>Whether they do; nothing is created or contacted either way.</returns>
    public bool TryValidate(string? user, string? cluster, [NotNullWhen(true)] out WorkspaceKey? key) =>
        _addressing.TryValidate(user, cluster ?? _options.DefaultCluster, out key);

    /// <summary>The workspace alive for <paramref name="key"/>, if any.</summary>
    /// <param name="key">A validated key.</param>
    /// <returns>The workspace, or <see langword="null"/>.</returns>
    public Workspace? Find(WorkspaceKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock) return _alive.GetValueOrDefault(key);
    }

    /// <summary>
    /// The workspace of <paramref name="key"/>, created (once) when it is not alive: its first scan starts in the
    /// background and this returns at once. Creating one more than <see cref="WorkspaceOptions.MaxAlive"/> evicts the
    /// least recently used.
    /// </summary>
    /// <param name="key">A key from <see cref="TryValidate"/>.</param>
    /// <returns>The workspace.</returns>
    public Workspace GetOrCreate(WorkspaceKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_alive.TryGetValue(key, out var existing)) return existing;
        }

        // Requests for one new workspace wait for one creation; requests for every other workspace do not wait for it.
        var creation = _creating.GetOrAdd(key, static (k, manager) => new Lazy<Workspace>(() => manager.CreateAndAdd(k), LazyThreadSafetyMode.ExecutionAndPublication), this);
        try
        {
            return creation.Value;
        }
        finally
        {
            // Added or failed: later requests find it alive, or try again.
            _creating.TryRemove(KeyValuePair.Create(key, creation));
        }
    }

    private Workspace CreateAndAdd(WorkspaceKey key)
    {
        // Reading credentials and building the result store and monitor happen outside the lock every request takes.
        var workspace = Create(key);
        lock (_lock)
        {
            var existing = _alive.GetValueOrDefault(key);
            if (_disposed || existing is not null)
            {
                // The host is stopping, or a request that came after the last creation finished made it again.
                _stopping.TryAdd(workspace, StopAsync(workspace));
                ObjectDisposedException.ThrowIf(_disposed, this);
                return existing!;
            }

            while (_alive.Count >= _options.MaxAlive) Evict(LeastRecentlyUsed(), "capacity");
            _alive.Add(key, workspace);
            _created++;
            _workspaceMetrics.Created.Add(1);
            _workspaceMetrics.Alive.Add(1);
            workspace.Start();
            LogCreated(_logger, key.User, key.Cluster, _alive.Count);
            return workspace;
        }
    }

    /// <summary>Evicts every workspace that has had no request for <see cref="WorkspaceOptions.IdleTimeout"/> and has none in flight.</summary>
    /// <returns>Completes when the evicted workspaces have stopped.</returns>
    public Task EvictIdleAsync()
    {
        var now = _timeProvider.GetUtcNow();
        var stopped = new List<Task>();
        lock (_lock)
        {
            foreach (var workspace in _alive.Values.Where(w => w.ActiveRequests == 0 && now - w.LastUsed >= _options.IdleTimeout).ToList())
            {
                stopped.Add(Evict(workspace, "idle"));
            }
        }

        return Task.WhenAll(stopped);
    }

    /// <summary>Completes when every evicted workspace has stopped.</summary>
    /// <returns>A task.</returns>
    public Task WhenStoppedAsync() => Task.WhenAll(_stopping.Values);

    /// <summary>
    /// The health of each workspace alive, named <c>promptwatch:workspace:&lt;user&gt;/&lt;cluster&gt;</c> and tagged as
    /// <see cref="WorkspaceOptions.HealthChecks"/> says (which also gives the status of a workspace that fails).
    /// </summary>
    /// <param name="cancellationToken">Stops the checks.</param>
    /// <returns>One entry per workspace, ordered by name.</returns>
    public async Task<IReadOnlyList<KeyValuePair<string, HealthReportEntry>>> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var settings = _options.HealthChecks;
        var tags = settings.TagsOr(WorkspaceHealthCheck.Tags).ToArray();
        var entries = new List<KeyValuePair<string, HealthReportEntry>>();
        foreach (var workspace in Alive.OrderBy(static w => w.Key.ToString(), StringComparer.Ordinal))
        {
            var started = _timeProvider.GetTimestamp();
            var name = WorkspaceHealthCheck.EntryName(settings, workspace.Key);
            var check = new RepositoryHealthCheck(workspace.Monitor, workspace.Key.ToString(), _timeProvider);
            // The registration carries the failure status the check reports for a workspace that fails.
            var context = new HealthCheckContext { Registration = new HealthCheckRegistration(name, check, settings.FailureStatus, tags) };
            var result = await check.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object>(result.Data, StringComparer.Ordinal)
            {
                ["user"] = workspace.Key.User,
                ["cluster"] = workspace.Key.Cluster,
                ["last_used"] = workspace.LastUsed.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var store in workspace.Monitor.Current.ResultStores)
            {
                if (store.LastError is not null) data["results_error"] = store.LastError;
            }

            var description = workspace.IsScanning ? "Scanning: waiting for the first scan." : result.Description;
            entries.Add(new(name, new HealthReportEntry(result.Status, description, _timeProvider.GetElapsedTime(started), null, data, tags)));
        }

        return entries;
    }

    /// <summary>Starts the idle-eviction timer.</summary>
    internal void Start()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_options.IdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        lock (_lock) _idleTimer ??= _timeProvider.CreateTimer(static state => _ = ((WorkspaceManager)state!).EvictIdleAsync(), this, period, period);
    }

    /// <summary>Stops every workspace and the idle timer.</summary>
    /// <returns>Completes when all have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        List<Task> stopped = [];
        ITimer? timer;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            timer = _idleTimer;
            _idleTimer = null;
            foreach (var workspace in _alive.Values.ToList()) stopped.Add(Evict(workspace, "shutdown"));
        }

        if (timer is not null) await timer.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(stopped).ConfigureAwait(false);
        await WhenStoppedAsync().ConfigureAwait(false);
    }

    private Workspace LeastRecentlyUsed()
    {
        // Prefer a workspace without requests in flight; among those, the one used longest ago.
        Workspace? best = null;
        foreach (var workspace in _alive.Values)
        {
            if (best is null
                || (workspace.ActiveRequests == 0 && best.ActiveRequests > 0)
                || ((workspace.ActiveRequests == 0) == (best.ActiveRequests == 0) && workspace.LastUsed < best.LastUsed))
            {
                best = workspace;
            }
        }

        return best!;
    }

    // Called under _lock.
    private Task Evict(Workspace workspace, string reason)
    {
        _alive.Remove(workspace.Key);
        _workspaceMetrics.Alive.Add(-1);
        _workspaceMetrics.Evicted.Add(1, new TagList { { "promptwatch.reason", reason } });
        LogEvicted(_logger, workspace.Key.User, workspace.Key.Cluster, reason);
        var stop = StopAsync(workspace);
        _stopping.TryAdd(workspace, stop);
        return stop;
    }

    private async Task StopAsync(Workspace workspace)
    {
        await Task.Yield();
        try
        {
            await workspace.StopAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping one workspace must not stop the others or the host.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStopFailed(_logger, workspace.Key.User, workspace.Key.Cluster, e.GetType().Name);
        }
        finally
        {
            _stopping.TryRemove(workspace, out _);
        }
    }

    private Workspace Create(WorkspaceKey key)
    {
        // A cluster that only a wildcard entry allows gets no secret unless that entry is trusted with them.
        var trusted = _addressing.ReceivesCredentials(key.Cluster);
        var credentials = trusted ? _credentials.Find(key.User) : null;
        var settings = new PromptWatchOptions
        {
            PollInterval = _options.PollInterval ?? _root.PollInterval,
            ResultsRefreshInterval = _root.ResultsRefreshInterval,
            ResultsMaxBackoff = _root.ResultsMaxBackoff,
            MaxFileBytes = _root.MaxFileBytes,
            StaleAfterIntervals = _root.StaleAfterIntervals,
            // One folder per cluster and user: an evicted workspace that comes back fetches its clone instead of cloning again.
            CacheDirectory = Path.Combine(_cacheDirectory, key.Cluster, key.User),
        };
        var repository = new WatchedRepositoryOptions
        {
            Name = key.ToString(),
            Location = _addressing.GitRepoUrl(key).AbsoluteUri,
            Branch = _options.Branch,
            Username = credentials?.GitUsername ?? (credentials?.GitPassword is null ? null : key.User),
            Password = credentials?.GitPassword,
        };
        foreach (var (path, environment) in _options.Files) repository.Files[path] = environment;
        settings.Repositories.Add(repository);
        if (!trusted) LogCredentialsWithheld(_logger, key.User, key.Cluster);
        else if (credentials?.GitPassword is null) LogNoCredentials(_logger, key.User);

        IEvaluationResultStore? store = null;
        if (_resultStores is not null && _addressing.S3Endpoint(key) is { } endpoint)
        {
            try
            {
                store = _resultStores.Create(new WorkspaceResultStoreRequest(key, endpoint, _addressing.S3UiUrl(key), _options.S3Bucket, credentials?.S3AccessKey, credentials?.S3SecretKey));
            }
            catch (Exception e) when (e is PromptWatchException or ArgumentException or InvalidOperationException)
            {
                LogNoResultStore(_logger, key.User, key.Cluster, e.Message);
            }
        }

        var monitor = new PromptWatchMonitor(Microsoft.Extensions.Options.Options.Create(settings), store is null ? [] : [store], _metrics, _loggerFactory, _timeProvider, _parsers, _repositorySources);
        return new Workspace(key, monitor, store, _timeProvider);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Workspace {User}/{Cluster} created; its first scan runs in the background ({Alive} alive)")]
    private static partial void LogCreated(ILogger logger, string user, string cluster, int alive);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Workspace {User}/{Cluster} evicted ({Reason})")]
    private static partial void LogEvicted(ILogger logger, string user, string cluster, string reason);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "Stopping workspace {User}/{Cluster} failed: {Error}")]
    private static partial void LogStopFailed(ILogger logger, string user, string cluster, string error);

    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "No Git password is configured for workspace user {User}; the repository is read without credentials")]
    private static partial void LogNoCredentials(ILogger logger, string user);

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Workspace {User}/{Cluster} gets no credentials: its cluster is allowed only by a wildcard entry that CredentialWildcards does not list")]
    private static partial void LogCredentialsWithheld(ILogger logger, string user, string cluster);

    [LoggerMessage(EventId = 64, Level = LogLevel.Warning, Message = "Workspace {User}/{Cluster} has no result store: {Error}")]
    private static partial void LogNoResultStore(ILogger logger, string user, string cluster, string error);
}
