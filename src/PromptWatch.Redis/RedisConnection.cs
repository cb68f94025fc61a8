using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace PromptWatch.Redis;

/// <summary>
/// The one connection (a StackExchange.Redis multiplexer) that a store and its health check share. It is made on first
/// use, with AbortOnConnectFail off, so a host starts while Redis is down and the client reconnects by itself; commands
/// fail at once while there is no connection (rather than waiting in a backlog), so callers can queue and retry.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private bool _down;
    private bool _disposed;

    /// <summary>Creates the connection; nothing is sent until the first operation.</summary>
    /// <param name="options">Valid options (see <see cref="RedisCounterStoreOptionsValidator"/>).</param>
    /// <param name="logger">Where connection failures and restorations are logged.</param>
    public RedisConnection(RedisCounterStoreOptions options, ILogger? logger)
    {
        Options = options;
        var failures = RedisCounterStoreOptionsValidator.Check(options);
        if (failures.Count > 0 || !RedisConnectionSettings.TryParse(options.Configuration, out var settings, out _))
        {
            throw new ArgumentException("Invalid Redis counter store options: " + string.Join(" ", failures), nameof(options));
        }

        Settings = settings;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The options.</summary>
    public RedisCounterStoreOptions Options { get; }

    /// <summary>Where Redis is, and the password for redaction.</summary>
    public RedisConnectionSettings Settings { get; }

    /// <summary>The logger of the store.</summary>
    public ILogger Logger => _logger;

    /// <summary>The database, connecting first if this is the first use.</summary>
    /// <param name="cancellationToken">Stops waiting (the connection attempt itself goes on for the next caller).</param>
    /// <returns>The database.</returns>
    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        Task<ConnectionMultiplexer> connecting;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connecting = _connecting ??= ConnectAsync();
        }

        try
        {
            var multiplexer = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
            return multiplexer.GetDatabase();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only configuration problems end up here (AbortOnConnectFail is off): try again on the next call.
            lock (_lock)
            {
                if (ReferenceEquals(_connecting, connecting)) _connecting = null;
            }

            throw;
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var configuration = Settings.Options.Clone();
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Milliseconds(Options.ConnectTimeout);
        configuration.SyncTimeout = Milliseconds(Options.OperationTimeout);
        configuration.AsyncTimeout = Milliseconds(Options.OperationTimeout);
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        configuration.ClientName ??= "promptwatch";
        RedisLog.Connecting(_logger, Settings.Display, Options.KeyPrefix);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!multiplexer.IsConnected) OnDown(ConnectionFailureType.UnableToConnect);
        return multiplexer;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => OnDown(e.FailureType);

    private void OnDown(ConnectionFailureType failureType)
    {
        lock (_lock)
        {
            if (_down) return;
            _down = true;
        }

        RedisLog.ConnectionFailed(_logger, Settings.Display, failureType.ToString());
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        lock (_lock)
        {
            if (!_down) return;
            _down = false;
        }

        RedisLog.ConnectionRestored(_logger, Settings.Display);
    }

    private static int Milliseconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalMilliseconds), 1, int.MaxValue);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? connecting;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            connecting = _connecting;
        }

        if (connecting is null) return;
        try
        {
            var multiplexer = await connecting.ConfigureAwait(false);
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
            await multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsRedisFailure(e))
        {
            // Nothing to close.
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
