using PromptWatch.Hosting;
using PromptWatch.Results;

namespace PromptWatch.Workspaces;

/// <summary>
/// One user's workspace on one cluster: its own monitor (one repository, at most one result store) with its own
/// refresh loop, alive until the <see cref="WorkspaceManager"/> evicts it.
/// </summary>
#pragma warning disable CA1001 // The cancellation source is disposed when the manager stops the workspace (StopAsync), not by callers.
public sealed class Workspace
#pragma warning restore CA1001
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _timeProvider;
    private readonly IEvaluationResultStore? _store;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastUsedTicks;
    private int _activeRequests;
    private int _eventStreams;
    private bool _stopRequested;
    private Task _loop = Task.CompletedTask;

    internal Workspace(WorkspaceKey key, PromptWatchMonitor monitor, IEvaluationResultStore? store, TimeProvider timeProvider)
    {
        Key = key;
        Monitor = monitor;
        _store = store;
        _timeProvider = timeProvider;
        CreatedAt = timeProvider.GetUtcNow();
        _lastUsedTicks = CreatedAt.UtcTicks;
        Stopping = _stopping.Token;
    }

    /// <summary>Which user and cluster.</summary>
    public WorkspaceKey Key { get; }

    /// <summary>The workspace's monitor; endpoints serve it as they serve the host's own.</summary>
    public PromptWatchMonitor Monitor { get; }

    /// <summary>When the workspace was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When a request last used the workspace.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Fires when the workspace is evicted: requests and event streams on it end.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Whether the workspace has been evicted and has released its monitor.</summary>
    public bool IsStopped { get; private set; }

    /// <summary>Why the workspace has no result store though one was asked for (missing keys, say); <see langword="null"/> otherwise.</summary>
    internal string? ResultStoreProblem { get; init; }

    /// <summary>Whether the first scan is still running.</summary>
    public bool IsScanning => Monitor.Current.Repositories.Any(static r => r.LastAttempt is null);

    /// <summary>The number of requests (event streams included) using the workspace now.</summary>
    public int ActiveRequests => Volatile.Read(ref _activeRequests);

    /// <summary>Marks the workspace in use until the lease is disposed; <see langword="null"/> once it is being evicted.</summary>
    /// <returns>The lease, or <see langword="null"/>.</returns>
    public IDisposable? TryAcquire()
    {
        lock (_lock)
        {
            if (_stopRequested) return null;
            _activeRequests++;
            Touch();
            return new Lease(this);
        }
    }

    /// <summary>The number of event streams open on the workspace.</summary>
    internal int EventStreams => Volatile.Read(ref _eventStreams);

    /// <summary>Counts one more event stream, unless <paramref name="max"/> are open.</summary>
    internal bool TryOpenEventStream(int max)
    {
        if (Interlocked.Increment(ref _eventStreams) <= max) return true;
        Interlocked.Decrement(ref _eventStreams);
        return false;
    }

    /// <summary>Counts an event stream that ended.</summary>
    internal void CloseEventStream() => Interlocked.Decrement(ref _eventStreams);

    internal void Start() => _loop = Task.Run(() => Monitor.RunAsync(_timeProvider, _stopping.Token));

    /// <summary>Stops the loop and event streams, waits for requests in flight, then releases the monitor.</summary>
    internal async Task StopAsync()
    {
        lock (_lock)
        {
            if (_stopRequested) return;
            _stopRequested = true;
            if (_activeRequests == 0) _drained.TrySetResult();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ended by cancellation.
        }

        await _drained.Task.ConfigureAwait(false);
        Monitor.Dispose();
        if (_store is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        else (_store as IDisposable)?.Dispose();
        _stopping.Dispose();
        IsStopped = true;
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _timeProvider.GetUtcNow().UtcTicks);

    private void Release()
    {
        lock (_lock)
        {
            _activeRequests--;
            Touch();
            if (_stopRequested && _activeRequests == 0) _drained.TrySetResult();
        }
    }

    private sealed class Lease(Workspace workspace) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) workspace.Release();
        }
    }
}
