using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Storage;
using PromptWatch.Diagnostics;
using StackExchange.Redis;

namespace PromptWatch.Redis;

/// <summary>
/// An <see cref="IAlertStore"/> in Redis, shared by every replica that uses the same Redis and
/// <see cref="RedisAlertStoreOptions.KeyPrefix"/>. Rules, alerts and silences are hashes (<c>{prefix}rules</c>,
/// <c>{prefix}alerts</c> with <c>{prefix}alert-versions</c>, <c>{prefix}silences</c>) of JSON values by name or id; an
/// alert is saved by a Lua script that compares its version and writes it in one step, so of two replicas saving the
/// same version one wins. Every change of rules, alerts or silences raises <c>{prefix}version</c> (INCR) in the same script,
/// so an engine reads one number, not every alert, on a tick over an unchanged store. History is the list <c>{prefix}history</c>, newest first, capped at
/// <see cref="RedisAlertStoreOptions.MaxHistory"/> (LPUSH and LTRIM in one script). A notification claim is
/// <c>{prefix}claim:{key}</c>, set with SET NX PX: one replica sends, and the claim expires by the server's clock.
/// When Redis cannot be reached, refuses the password or does not answer in time, operations throw a
/// <see cref="PromptWatchException"/> whose message names the endpoint and the cause (never the password).
/// </summary>
public sealed class RedisAlertStore : IAlertStore, IAsyncDisposable, IDisposable
{
    private const int HistoryPage = 256;

    private readonly RedisConnection _connection;
    private readonly bool _ownsConnection;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly DependencyMetrics _dependencies;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxHistory;
    private readonly RedisKey _rules;
    private readonly RedisKey _alerts;
    private readonly RedisKey _versions;
    private readonly RedisKey _silences;
    private readonly RedisKey _history;
    private readonly RedisKey _version;

    /// <summary>Creates a store with a connection of its own, made on first use; dispose the store to close it.</summary>
    /// <param name="connection">Where Redis is (its <see cref="RedisCounterStoreOptions.KeyPrefix"/> is not used); validated here.</param>
    /// <param name="options">The key prefix and history cap; the defaults when <see langword="null"/>. Validated here (an <see cref="ArgumentException"/> lists every problem).</param>
    /// <param name="logger">Where connection failures are logged.</param>
    /// <param name="meterFactory">The host's meter factory, if any.</param>
    /// <param name="timeProvider">The clock for durations; the system clock when <see langword="null"/>.</param>
    public RedisAlertStore(RedisCounterStoreOptions connection, RedisAlertStoreOptions? options = null, ILogger<RedisAlertStore>? logger = null, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
        : this(new RedisConnection(connection ?? throw new ArgumentNullException(nameof(connection)), logger), ownsConnection: true, options ?? new RedisAlertStoreOptions(), meterFactory, timeProvider)
    {
    }

    /// <summary>Creates a store on a shared connection (the host's).</summary>
    internal RedisAlertStore(RedisConnection connection, bool ownsConnection, RedisAlertStoreOptions options, IMeterFactory? meterFactory, TimeProvider? timeProvider)
    {
        var failures = RedisAlertStoreOptionsValidator.Check(options);
        if (failures.Count > 0) throw new ArgumentException("Invalid Redis alert store options: " + string.Join(" ", failures), nameof(options));
        _connection = connection;
        _ownsConnection = ownsConnection;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        _dependencies = new DependencyMetrics(_meter);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _maxHistory = options.MaxHistory;
        KeyPrefix = options.KeyPrefix;
        _rules = KeyPrefix + "rules";
        _alerts = KeyPrefix + "alerts";
        _versions = KeyPrefix + "alert-versions";
        _silences = KeyPrefix + "silences";
        _history = KeyPrefix + "history";
        _version = KeyPrefix + "version";
    }

    /// <summary>Where the alert state is: <c>Redis at host:port</c>, never the password.</summary>
    public string DisplayName => "Redis at " + _connection.Settings.Display;

    /// <summary>The prefix of every key of the store.</summary>
    public string KeyPrefix { get; }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        var entries = await RunAsync("get_rules", "read alert rules", db => db.HashGetAllAsync(_rules), cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => Read(e.Value, _rules, AlertStoreJsonContext.Default.AlertRule)).OrderBy(static r => r.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async ValueTask SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var json = Write(rule, AlertStoreJsonContext.Default.AlertRule);
        await RunAsync("save_rule", $"save alert rule '{rule.Name}'", db => db.ScriptEvaluateAsync(RedisAlertScripts.SaveEntry, [_rules, _version], [rule.Name, json]), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var deleted = await RunAsync("delete_rule", $"delete alert rule '{name}'", db => db.ScriptEvaluateAsync(RedisAlertScripts.DeleteEntry, [_rules, _version], [name]), cancellationToken).ConfigureAwait(false);
        return (long)deleted == 1;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(CancellationToken cancellationToken = default)
    {
        var entries = await RunAsync("get_alerts", "read alerts", db => db.HashGetAllAsync(_alerts), cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => Read(e.Value, _alerts, AlertStoreJsonContext.Default.Alert)).OrderBy(static a => a.StartsAt).ThenBy(static a => a.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var value = await RunAsync("get_alert", $"read alert '{id}'", db => db.HashGetAsync(_alerts, id), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : Read(value, _alerts, AlertStoreJsonContext.Default.Alert);
    }

    /// <inheritdoc />
    public async ValueTask<Alert?> TrySaveAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var saved = alert with { Version = alert.Version + 1 };
        RedisValue[] values = [alert.Id, alert.Version, Write(saved, AlertStoreJsonContext.Default.Alert)];
        var stored = await RunAsync("save_alert", $"save alert '{alert.Id}'", db => db.ScriptEvaluateAsync(RedisAlertScripts.SaveAlert, [_alerts, _versions, _version], values), cancellationToken).ConfigureAwait(false);
        return (long)stored == 1 ? saved : null;
    }

    /// <inheritdoc />
    public async ValueTask<int> PruneAlertsAsync(DateTimeOffset resolvedBefore, CancellationToken cancellationToken = default)
    {
        var old = (await GetAlertsAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => a.State == AlertState.Resolved && a.Resolution is { } r && r.At < resolvedBefore)
            .ToList();
        if (old.Count == 0) return 0;
        // The version each was read at: an alert saved again since (by another replica) is kept.
        var values = old.SelectMany(static a => new RedisValue[] { a.Id, a.Version }).ToArray();
        var deleted = await RunAsync("prune_alerts", "prune resolved alerts", db => db.ScriptEvaluateAsync(RedisAlertScripts.PruneAlerts, [_alerts, _versions, _version], values), cancellationToken).ConfigureAwait(false);
        return (int)(long)deleted;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default)
    {
        var entries = await RunAsync("get_silences", "read silences", db => db.HashGetAllAsync(_silences), cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => Read(e.Value, _silences, AlertStoreJsonContext.Default.Silence)).OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async ValueTask SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var json = Write(silence, AlertStoreJsonContext.Default.Silence);
        await RunAsync("save_silence", $"save silence '{silence.Id}'", db => db.ScriptEvaluateAsync(RedisAlertScripts.SaveEntry, [_silences, _version], [silence.Id, json]), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask AppendHistoryAsync(IReadOnlyList<AlertHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return;
        var values = new RedisValue[entries.Count + 1];
        values[0] = _maxHistory;
        for (var i = 0; i < entries.Count; i++) values[i + 1] = Write(entries[i] ?? throw new ArgumentNullException(nameof(entries)), AlertStoreJsonContext.Default.AlertHistoryEntry);
        await RunAsync("append_history", "append alert history", db => db.ScriptEvaluateAsync(RedisAlertScripts.AppendHistory, [_history], values), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<AlertHistoryEntry>();
        // Pages from the head (newest first) until the limit is reached or the list ends.
        for (long start = 0; found.Count < query.Limit; start += HistoryPage)
        {
            var first = start;
            var page = await RunAsync("get_history", "read alert history", db => db.ListRangeAsync(_history, first, first + HistoryPage - 1), cancellationToken).ConfigureAwait(false);
            foreach (var value in page)
            {
                var e = Read(value, _history, AlertStoreJsonContext.Default.AlertHistoryEntry);
                if ((query.Rule is null || e.Rule == query.Rule) && (query.AlertId is null || e.AlertId == query.AlertId) && (query.Since is not { } since || e.At >= since))
                {
                    found.Add(e);
                    if (found.Count >= query.Limit) break;
                }
            }

            if (page.Length < HistoryPage) break;
        }

        return found;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimNotificationAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        RedisKey claim = KeyPrefix + "claim:" + key;
        var milliseconds = lifetime <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(lifetime.TotalMilliseconds);
        // A lifetime of zero claims nothing lasting (as in memory): this call wins unless a claim is live.
        return milliseconds > 0
            ? RunAsync("claim_notification", $"claim notification '{key}'", db => db.StringSetAsync(claim, 1, TimeSpan.FromMilliseconds(milliseconds), When.NotExists), cancellationToken)
            : RunAsync("claim_notification", $"claim notification '{key}'", async db => !await db.KeyExistsAsync(claim).ConfigureAwait(false), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var value = await RunAsync("get_version", "read the alert store's version", db => db.StringGetAsync(_version), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    /// <summary>Closes the store's own connection (a store made by the host shares the host's, which the host closes).</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
        if (_ownsMeter) _meter.Dispose();
    }

    /// <summary>Closes the store's own connection.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string Write<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    private T Read<T>(RedisValue value, RedisKey key, JsonTypeInfo<T> type)
    {
        string reason;
        try
        {
            if (!value.IsNull && JsonSerializer.Deserialize((string)value!, type) is { } read) return read;
            reason = "null";
        }
        catch (JsonException e)
        {
            // The reader's message says where (path, line), not what the value holds.
            reason = e.Message;
        }

        throw new PromptWatchException($"The Redis key '{key}' at {_connection.Settings.Display} holds a value that is not alert state ({reason.TrimEnd('.')}); another application may use the key prefix '{KeyPrefix}'.")
        {
            IsPermanent = true,
        };
    }

    private async ValueTask<T> RunAsync<T>(string operation, string action, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.alerting.store." + operation, ActivityKind.Client);
        activity?.SetTag("promptwatch.alerting.store", "redis");
        var started = _timeProvider.GetTimestamp();
        try
        {
            var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            var result = await call(database).WaitAsync(cancellationToken).ConfigureAwait(false);
            _dependencies.Record(DependencyMetrics.Redis, _timeProvider.GetElapsedTime(started));
            return result;
        }
        catch (Exception e) when (RedisFailures.IsRedisFailure(e))
        {
            var failure = RedisFailures.Describe(action, _connection, e);
            _dependencies.Record(DependencyMetrics.Redis, _timeProvider.GetElapsedTime(started), failure);
            activity.RecordFailure(failure);
            throw failure;
        }
    }
}
