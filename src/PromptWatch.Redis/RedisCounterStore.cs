using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PromptWatch.Counters;
using PromptWatch.Diagnostics;
using StackExchange.Redis;

namespace PromptWatch.Redis;

/// <summary>
/// An <see cref="ICounterStore"/> in Redis, shared by every replica that uses the same Redis and key prefix. Each
/// operation is one atomic Redis command or Lua script: INCRBY (with an expiry set only when the counter is created),
/// MGET, DEL, SET NX PX, and one script for <see cref="ApplyOnceAsync(string, string, TimeSpan, IReadOnlyList{CounterIncrement}, CancellationToken)"/>. Keys are
/// <see cref="RedisCounterStoreOptions.KeyPrefix"/> followed by the name. When Redis cannot be reached, refuses the
/// password or does not answer in time, operations throw a <see cref="PromptWatchException"/> whose message names the
/// endpoint and the cause (never the password); the store reconnects by itself and later calls succeed again.
/// </summary>
public sealed class RedisCounterStore : ICounterStore, IAsyncDisposable, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly bool _ownsConnection;
    private readonly RedisCounterMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly TimeProvider _timeProvider;
    private readonly string _prefix;

    /// <summary>Creates a store with a connection of its own, made on first use; dispose the store to close it.</summary>
    /// <param name="options">Where Redis is; validated here (an <see cref="ArgumentException"/> lists every problem).</param>
    /// <param name="logger">Where connection failures and failed operations are logged.</param>
    /// <param name="meterFactory">The host's meter factory, if any.</param>
    /// <param name="timeProvider">The clock for durations; the system clock when <see langword="null"/>.</param>
    public RedisCounterStore(RedisCounterStoreOptions options, ILogger<RedisCounterStore>? logger = null, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
        : this(new RedisConnection(options ?? throw new ArgumentNullException(nameof(options)), logger), ownsConnection: true, new RedisCounterMetrics(meterFactory), ownsMetrics: true, timeProvider)
    {
    }

    /// <summary>Creates a store on a shared connection (the host's).</summary>
    internal RedisCounterStore(RedisConnection connection, bool ownsConnection, RedisCounterMetrics metrics, bool ownsMetrics, TimeProvider? timeProvider)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _metrics = metrics;
        _ownsMetrics = ownsMetrics;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _prefix = connection.Options.KeyPrefix;
    }

    /// <summary>Where the counters are: <c>Redis at host:port</c>, never the password.</summary>
    public string DisplayName => "Redis at " + _connection.Settings.Display;

    /// <summary>The Redis key of a counter or marker: the key prefix followed by <paramref name="name"/>.</summary>
    /// <param name="name">The counter or marker.</param>
    /// <returns>The key.</returns>
    public string KeyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _prefix + name;
    }

    /// <inheritdoc />
    public ValueTask<long> IncrementAsync(string name, long delta = 1, TimeSpan? expireAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        RedisKey key = KeyOf(name);
        return expireAfter is { } lifetime
            ? RunAsync("increment", name, db => Evaluate(db, RedisScripts.Increment, [key], [delta, Milliseconds(lifetime)], static r => (long)r), cancellationToken)
            : RunAsync("increment", name, db => db.StringIncrementAsync(key, delta), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, long>> GetAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.ToList();
        foreach (var name in list) ArgumentNullException.ThrowIfNull(name, nameof(names));
        var result = new Dictionary<string, long>(list.Count, StringComparer.Ordinal);
        cancellationToken.ThrowIfCancellationRequested();
        if (list.Count == 0) return result;
        var keys = list.Select(name => (RedisKey)KeyOf(name)).ToArray();
        var values = await RunAsync("get", list.Count == 1 ? list[0] : null, db => db.StringGetAsync(keys), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < list.Count; i++) result[list[i]] = Parse(list[i], values[i]);
        return result;
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var keys = names.Select(name => (RedisKey)KeyOf(name ?? throw new ArgumentNullException(nameof(names)))).ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        if (keys.Length == 0) return;
        await RunAsync("delete", null, db => db.KeyDeleteAsync(keys), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<bool> TrySetMarkerAsync(string name, TimeSpan expireAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        RedisKey key = KeyOf(name);
        var milliseconds = Milliseconds(expireAfter);
        // A lifetime of zero sets a marker that is gone at once (as in memory): this call wins unless one is live.
        return milliseconds > 0
            ? RunAsync("set_marker", name, db => db.StringSetAsync(key, 1, TimeSpan.FromMilliseconds(milliseconds), When.NotExists), cancellationToken)
            : RunAsync("set_marker", name, async db => !await db.KeyExistsAsync(key).ConfigureAwait(false), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ApplyOnceAsync(string marker, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default) =>
        await ApplyOnceAsync(marker, Guid.NewGuid().ToString("N"), markerLifetime, increments, cancellationToken).ConfigureAwait(false) == ApplyOnceOutcome.Applied;

    /// <inheritdoc />
    public ValueTask<ApplyOnceOutcome> ApplyOnceAsync(string marker, string attemptId, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentException.ThrowIfNullOrEmpty(attemptId);
        ArgumentNullException.ThrowIfNull(increments);
        var keys = new RedisKey[increments.Count + 1];
        var values = new RedisValue[(increments.Count * 2) + 2];
        keys[0] = KeyOf(marker);
        values[0] = Milliseconds(markerLifetime);
        // Kept as "attempt:<id>", so that a marker set otherwise (TrySetMarkerAsync sets 1) never matches an attempt.
        values[1] = "attempt:" + attemptId;
        for (var i = 0; i < increments.Count; i++)
        {
            var (name, delta, expireAfter) = increments[i];
            ArgumentNullException.ThrowIfNull(name, nameof(increments));
            keys[i + 1] = KeyOf(name);
            values[(2 * i) + 2] = delta;
            values[(2 * i) + 3] = expireAfter is { } lifetime ? Milliseconds(lifetime) : RedisValue.EmptyString;
        }

        return RunAsync("apply_once", marker, db => Evaluate(db, RedisScripts.ApplyOnce, keys, values, static r => (long)r switch
        {
            1 => ApplyOnceOutcome.Applied,
            2 => ApplyOnceOutcome.AppliedBySameAttempt,
            _ => ApplyOnceOutcome.AlreadyApplied,
        }), cancellationToken);
    }

    /// <summary>Closes the store's own connection (a store made by the host shares the host's, which the host closes).</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
        if (_ownsMetrics) _metrics.Dispose();
    }

    /// <summary>Closes the store's own connection.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<T> Evaluate<T>(IDatabase db, string script, RedisKey[] keys, RedisValue[] values, Func<RedisResult, T> read) =>
        read(await db.ScriptEvaluateAsync(script, keys, values).ConfigureAwait(false));

    private async ValueTask<T> RunAsync<T>(string operation, string? name, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = CounterActivities.Start(operation, "redis");
        var started = _timeProvider.GetTimestamp();
        try
        {
            var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            var result = await call(database).WaitAsync(cancellationToken).ConfigureAwait(false);
            _metrics.Record(operation, _timeProvider.GetElapsedTime(started));
            return result;
        }
        catch (Exception e) when (RedisFailures.IsRedisFailure(e))
        {
            // Not logged here: the caller decides (the webhook processor logs it once per retry); the connection's own
            // loss and return are logged once each.
            var failure = RedisFailures.Describe(Action(operation, name), _connection, e);
            _metrics.Record(operation, _timeProvider.GetElapsedTime(started), failure);
            activity.RecordFailure(failure);
            throw failure;
        }
    }

    private static string Action(string operation, string? name)
    {
        var subject = name is null ? string.Empty : $" '{name}'";
        return operation switch
        {
            "increment" => "increment counter" + subject,
            "get" => name is null ? "read counters" : "read counter" + subject,
            "delete" => "delete counters",
            "set_marker" => "set marker" + subject,
            "apply_once" => "apply increments once for marker" + subject,
            _ => operation,
        };
    }

    private long Parse(string name, RedisValue value)
    {
        if (value.IsNull) return 0;
        if (value.TryParse(out long number)) return number;
        throw new PromptWatchException(string.Create(CultureInfo.InvariantCulture, $"The Redis key '{KeyOf(name)}' at {_connection.Settings.Display} holds a value that is not a counter (another application may use the key prefix '{_prefix}')."));
    }

    /// <summary>A lifetime in whole milliseconds, rounded up; zero for a lifetime that is not positive.</summary>
    private static long Milliseconds(TimeSpan lifetime) => lifetime <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(lifetime.TotalMilliseconds);
}
