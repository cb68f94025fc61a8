using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromptWatch.AspNetCore;
using PromptWatch.Compliance;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Parsing;
using PromptWatch.Repositories;
using PromptWatch.Results;

namespace PromptWatch.Workspaces;

/// <summary>
/// Creates each workspace on its first request (exactly once, however many requests race for it), keeps at most
/// <see cref="WorkspaceOptions.MaxAlive"/> alive (evicting the least recently used idle one, never one with a request
/// in flight or an open event stream), at most <see cref="WorkspaceOptions.MaxAlivePerUser"/> per user, creates at most
/// <see cref="WorkspaceOptions.MaxCreationsPerUser"/> per user (and <see cref="WorkspaceOptions.MaxCreations"/> in all)
/// per <see cref="WorkspaceOptions.CreationWindow"/>, evicts idle ones after <see cref="WorkspaceOptions.IdleTimeout"/>,
/// and stops them all when the host stops. Registered by <c>AddWorkspaces()</c>.
/// </summary>
public sealed partial class WorkspaceManager : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<WorkspaceKey, Workspace> _alive = [];
    private readonly ConcurrentDictionary<Workspace, Task> _stopping = new();
    private readonly ConcurrentDictionary<WorkspaceKey, Lazy<WorkspaceCreation>> _creating = new();
    private readonly Dictionary<string, int> _reservedByUser = new(StringComparer.Ordinal);
    private readonly Lock _folders = new();
    private readonly CreationRateLimiter _creationsPerUser;
    private readonly CreationRateLimiter _creations;
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
    private readonly Lazy<TimelineViewCache> _viewCache;
    private ITimer? _idleTimer;
    private bool _disposed;
    private long _created;
    private int _reserved;
    private int _eventStreams;

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
        _creationsPerUser = new CreationRateLimiter(_options.MaxCreationsPerUser, _options.CreationWindow);
        _creations = new CreationRateLimiter(_options.MaxCreations, _options.CreationWindow);
        // Made on first use (the routes are mapped before the host starts and validates the options: a value too small fails the start with its message).
        _viewCache = new(() => new TimelineViewCache(Math.Max(_options.ViewCacheBytes, WorkspaceOptionsValidator.MinViewCacheBytes)));
    }

    /// <summary>The settings.</summary>
    public WorkspaceOptions Options => _options;

    /// <summary>
    /// The one cache of serialized timeline parts that every workspace's views share, bounded by
    /// <see cref="WorkspaceOptions.ViewCacheBytes"/>; <c>MapPromptWatchWorkspaces()</c> serves from it.
    /// </summary>
    public TimelineViewCache ViewCache => _viewCache.Value;

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
    /// least recently used idle workspace.
    /// </summary>
    /// <param name="key">A key from <see cref="TryValidate"/>.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="InvalidOperationException">
    /// A limit refuses the creation (<see cref="WorkspaceOptions.MaxAlivePerUser"/>, <see cref="WorkspaceOptions.MaxCreationsPerUser"/>,
    /// <see cref="WorkspaceOptions.MaxCreations"/>, or <see cref="WorkspaceOptions.MaxAlive"/> with no idle workspace to evict); the message names it.
    /// </exception>
    public Workspace GetOrCreate(WorkspaceKey key)
    {
        var opening = Open(key);
        if (opening.Refusal is { } refusal) throw new InvalidOperationException(refusal.Detail);
        opening.Lease!.Dispose();
        return opening.Workspace!;
    }

    /// <summary>
    /// The workspace of <paramref name="key"/>, held for the caller (it is not idle, so not evicted for capacity, until the
    /// lease is disposed), created when it is not alive; or why not.
    /// </summary>
    internal WorkspaceOpening Open(WorkspaceKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                // Held under the lock that eviction takes: an alive workspace cannot be evicted between finding and holding it.
                if (_alive.TryGetValue(key, out var existing) && existing.TryAcquire() is { } held) return new(existing, held, null);
            }

            // Requests for one new workspace wait for one creation; requests for every other workspace do not wait for it.
            var creation = _creating.GetOrAdd(key, static (k, manager) => new Lazy<WorkspaceCreation>(() => manager.CreateAndAdd(k), LazyThreadSafetyMode.ExecutionAndPublication), this);
            WorkspaceCreation created;
            try
            {
                created = creation.Value;
            }
            finally
            {
                // Added, refused or failed: later requests find it alive, or try again.
                _creating.TryRemove(KeyValuePair.Create(key, creation));
            }

            if (created.Refusal is not null) return new(null, null, created.Refusal);
            // The first of the requests that waited for the creation takes the lease it was made with; the others hold it afresh.
            if (created.TakeLease() is { } lease) return new(created.Workspace, lease, null);
        }

        return new(null, null, new WorkspaceRefusal(503, "Workspace is restarting", "The workspace was evicted while it was being opened. Try again.", WorkspaceRefusal.Setting(nameof(WorkspaceOptions.MaxAlive)), _options.BusyRetryAfter));
    }

    /// <summary>
    /// A place for one more event stream on <paramref name="workspace"/>, within <see cref="WorkspaceOptions.MaxEventStreamsPerWorkspace"/>
    /// and <see cref="WorkspaceOptions.MaxEventStreams"/>, until the result is disposed; or why not.
    /// </summary>
    internal IDisposable? TryOpenEventStream(Workspace workspace, out WorkspaceRefusal? refusal)
    {
        refusal = null;
        if (Interlocked.Increment(ref _eventStreams) > _options.MaxEventStreams)
        {
            Interlocked.Decrement(ref _eventStreams);
            refusal = Refuse(workspace.Key, 503, "Too many event streams", $"The host serves at most {WorkspaceRefusal.Setting(nameof(WorkspaceOptions.MaxEventStreams))} ({_options.MaxEventStreams}) event streams at once.", nameof(WorkspaceOptions.MaxEventStreams), _options.BusyRetryAfter);
            return null;
        }

        if (!workspace.TryOpenEventStream(_options.MaxEventStreamsPerWorkspace))
        {
            Interlocked.Decrement(ref _eventStreams);
            refusal = Refuse(workspace.Key, 503, "Too many event streams", $"A workspace serves at most {WorkspaceRefusal.Setting(nameof(WorkspaceOptions.MaxEventStreamsPerWorkspace))} ({_options.MaxEventStreamsPerWorkspace}) event streams at once.", nameof(WorkspaceOptions.MaxEventStreamsPerWorkspace), _options.BusyRetryAfter);
            return null;
        }

        return new EventStreamSlot(this, workspace);
    }

    /// <summary>The number of event streams open on all workspaces.</summary>
    internal int EventStreamCount => Volatile.Read(ref _eventStreams);

    private WorkspaceCreation CreateAndAdd(WorkspaceKey key)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // A request that came after the last creation finished: the next attempt holds it.
            if (_alive.ContainsKey(key)) return WorkspaceCreation.Again;
            if (Reserve(key) is { } refusal) return new(null, null, refusal);
        }

        Workspace workspace;
        try
        {
            // Reading credentials and building the result store and monitor happen outside the lock every request takes.
            workspace = Create(key);
        }
        catch
        {
            lock (_lock) Unreserve(key);
            throw;
        }

        lock (_lock)
        {
            Unreserve(key);
            if (_disposed)
            {
                // The host is stopping.
                _stopping.TryAdd(workspace, StopAsync(workspace));
                ObjectDisposedException.ThrowIf(_disposed, this);
            }

            // The reservation kept a place: nothing is evicted here.
            _alive.Add(key, workspace);
            var lease = workspace.TryAcquire();
            _created++;
            _workspaceMetrics.Created.Add(1);
            _workspaceMetrics.Alive.Add(1);
            workspace.Start();
            LogCreated(_logger, key.User, key.Cluster, _alive.Count);
            return new(workspace, lease, null);
        }
    }

    // Called under _lock: checks the limits, makes room by evicting idle workspaces, and keeps a place for the creation.
    private WorkspaceRefusal? Reserve(WorkspaceKey key)
    {
        var now = _timeProvider.GetUtcNow();
        var mine = _alive.Values.Where(w => string.Equals(w.Key.User, key.User, StringComparison.Ordinal)).ToList();
        var count = mine.Count + _reservedByUser.GetValueOrDefault(key.User);
        if (count >= _options.MaxAlivePerUser)
        {
            // The soonest one of the user's idle workspaces could be evicted; the idle timeout when all are busy.
            var soonest = mine.Where(static w => w.ActiveRequests == 0).Select(w => w.LastUsed + _options.IdleTimeout - now).DefaultIfEmpty(_options.IdleTimeout).Min();
            return Refuse(key, 429, "Too many workspaces", $"User {key.User} has {count} workspaces alive; {WorkspaceRefusal.Setting(nameof(WorkspaceOptions.MaxAlivePerUser))} allows {_options.MaxAlivePerUser}. Idle ones are evicted after {_options.IdleTimeout}.", nameof(WorkspaceOptions.MaxAlivePerUser), soonest);
        }

        if (_creationsPerUser.Wait(key.User, now) is { } userWait)
        {
            return Refuse(key, 429, "Too many workspace creations", $"User {key.User} created {_options.MaxCreationsPerUser} workspaces within {_options.CreationWindow}, the most {WorkspaceRefusal.Setting(nameof(WorkspaceOptions.MaxCreationsPerUser))} allows.", nameof(WorkspaceOptions.MaxCreationsPerUser), userWait);
        }

        if (_creations.Wait(string.Empty, now) is { } totalWait)
        {
            return Refuse(key, 429, "Too many workspace creations", $"{_options.MaxCreations} workspaces were created within {_options.CreationWindow}, the most {WorkspaceRefusal.Setting(nameof(WorkspaceOptions.MaxCreations))} allows.", nameof(WorkspaceOptions.MaxCreations), totalWait);
        }

        while (_alive.Count + _reserved >= _options.MaxAlive)
        {
            if (LeastRecentlyUsedIdle() is not { } idle)
            {
                return Refuse(key, 503, "All workspaces are busy", $"{WorkspaceRefusal.Setting(nameof(WorkspaceOptions.MaxAlive))} ({_options.MaxAlive}) workspaces are alive and each has a request in flight or an open event stream.", nameof(WorkspaceOptions.MaxAlive), _options.BusyRetryAfter);
            }

            Evict(idle, "capacity");
        }

        _creationsPerUser.Record(key.User, now);
        _creations.Record(string.Empty, now);
        _reserved++;
        _reservedByUser[key.User] = _reservedByUser.GetValueOrDefault(key.User) + 1;
        return null;
    }

    // Called under _lock.
    private void Unreserve(WorkspaceKey key)
    {
        _reserved--;
        var left = _reservedByUser[key.User] - 1;
        if (left == 0) _reservedByUser.Remove(key.User);
        else _reservedByUser[key.User] = left;
    }

    private WorkspaceRefusal Refuse(WorkspaceKey key, int status, string title, string detail, string setting, TimeSpan retryAfter)
    {
        var refusal = new WorkspaceRefusal(status, title, detail, WorkspaceRefusal.Setting(setting), retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
        _workspaceMetrics.Refused.Add(1, new TagList { { "promptwatch.limit", setting } });
        LogRefused(_logger, key.User, key.Cluster, refusal.Limit, status);
        return refusal;
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

            var status = result.Status;
            var description = workspace.IsScanning ? "Scanning: waiting for the first scan." : result.Description;
            if (workspace.ResultStoreProblem is { } problem)
            {
                // Results were asked for (an S3 endpoint is set) but the workspace has no store: say why and what to set.
                data["results_error"] = problem;
                if (status == HealthStatus.Healthy) status = HealthStatus.Degraded;
                description = $"{description} No result store: {problem}.";
            }

            entries.Add(new(name, new HealthReportEntry(status, description, _timeProvider.GetElapsedTime(started), null, data, tags)));
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

    // Called under _lock: the idle workspace (no request in flight, no event stream) used longest ago, if any.
    private Workspace? LeastRecentlyUsedIdle()
    {
        Workspace? best = null;
        foreach (var workspace in _alive.Values)
        {
            if (workspace.ActiveRequests == 0 && (best is null || workspace.LastUsed < best.LastUsed)) best = workspace;
        }

        return best;
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
            CloseBetweenScans = !_options.KeepRepositoriesOpen,
        };
        foreach (var (path, environment) in _options.Files) repository.Files[path] = environment;
        settings.Repositories.Add(repository);
        if (!trusted) LogCredentialsWithheld(_logger, key.User, key.Cluster);
        else if (credentials?.GitPassword is null) LogNoCredentials(_logger, key.User);

        IEvaluationResultStore? store = null;
        string? storeProblem = null;
        if (_resultStores is not null && _addressing.S3Endpoint(key) is { } endpoint)
        {
            try
            {
                store = _resultStores.Create(new WorkspaceResultStoreRequest(key, endpoint, _addressing.S3UiUrl(key), _options.S3Bucket, credentials?.S3AccessKey, credentials?.S3SecretKey));
            }
            catch (Exception e) when (e is PromptWatchException or ArgumentException or InvalidOperationException)
            {
                // Missing keys are named as this workspace reads them, not as the host's own store would.
                storeProblem = MissingS3Keys(key, trusted, credentials) ?? e.Message;
                LogNoResultStore(_logger, key.User, key.Cluster, storeProblem);
            }
        }

        // The workspace's folders exist only while a clone is in them.
        var sources = new CloneFolderGuard(_repositorySources, settings.CacheDirectory, _folders);
        var monitor = new PromptWatchMonitor(Microsoft.Extensions.Options.Options.Create(settings), store is null ? [] : [store], _metrics, _loggerFactory, _timeProvider, _parsers, sources);
        return new Workspace(key, monitor, store, _timeProvider) { ResultStoreProblem = storeProblem };
    }

    // Which of the user's S3 keys are missing, with the setting the credential source reads each from; null when both are set.
    private string? MissingS3Keys(WorkspaceKey key, bool trusted, WorkspaceCredentials? credentials)
    {
        var missing = new List<(string Name, string Secret)>(2);
        if (credentials?.S3AccessKey is null) missing.Add(("access key", nameof(WorkspaceCredentials.S3AccessKey)));
        if (credentials?.S3SecretKey is null) missing.Add(("secret key", nameof(WorkspaceCredentials.S3SecretKey)));
        if (missing.Count == 0) return null;
        var what = string.Join(" and ", missing.Select(static m => m.Name));
        if (!trusted)
        {
            return $"the S3 {what} are withheld: the cluster {key.Cluster} is allowed only by a wildcard entry that {WorkspaceOptions.SectionName}:CredentialWildcards does not list";
        }

        var settings = string.Join(" and ", missing.Select(m => _credentials.Locate(key.User, m.Secret)));
        return $"the S3 {what} {(missing.Count == 1 ? "is" : "are")} not set: set {settings}";
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Workspace {User}/{Cluster} created; its first scan runs in the background ({Alive} alive)")]
    private static partial void LogCreated(ILogger logger, [PersonalData] string user, string cluster, int alive);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Workspace {User}/{Cluster} evicted ({Reason})")]
    private static partial void LogEvicted(ILogger logger, [PersonalData] string user, string cluster, string reason);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "Stopping workspace {User}/{Cluster} failed: {Error}")]
    private static partial void LogStopFailed(ILogger logger, [PersonalData] string user, string cluster, string error);

    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "No Git password is configured for workspace user {User}; the repository is read without credentials")]
    private static partial void LogNoCredentials(ILogger logger, [PersonalData] string user);

    [LoggerMessage(EventId = 65, Level = LogLevel.Warning, Message = "Workspace {User}/{Cluster} refused: {Limit} reached ({Status})")]
    private static partial void LogRefused(ILogger logger, [PersonalData] string user, string cluster, string limit, int status);

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Workspace {User}/{Cluster} gets no credentials: its cluster is allowed only by a wildcard entry that CredentialWildcards does not list")]
    private static partial void LogCredentialsWithheld(ILogger logger, [PersonalData] string user, string cluster);

    [LoggerMessage(EventId = 64, Level = LogLevel.Warning, Message = "Workspace {User}/{Cluster} has no result store: {Error}")]
    private static partial void LogNoResultStore(ILogger logger, [PersonalData] string user, string cluster, string error);

    /// <summary>What a creation gave: the workspace and the lease it was made with, or why it was refused.</summary>
    private sealed class WorkspaceCreation(Workspace? workspace, IDisposable? lease, WorkspaceRefusal? refusal)
    {
        private IDisposable? _lease = lease;

        /// <summary>Made by a request that came after it was made: nothing to take, the next attempt holds it.</summary>
        public static WorkspaceCreation Again { get; } = new(null, null, null);

        public Workspace? Workspace => workspace;

        public WorkspaceRefusal? Refusal => refusal;

        public IDisposable? TakeLease() => Interlocked.Exchange(ref _lease, null);
    }

    private sealed class EventStreamSlot(WorkspaceManager manager, Workspace workspace) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            workspace.CloseEventStream();
            Interlocked.Decrement(ref manager._eventStreams);
        }
    }
}
