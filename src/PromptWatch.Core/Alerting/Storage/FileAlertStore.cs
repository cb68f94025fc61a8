using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PromptWatch.Alerting.Storage;

/// <summary>
/// An <see cref="IAlertStore"/> in a folder of its own (the host's data folder), for one process. Rules, alerts and
/// silences are one JSON snapshot, <see cref="SnapshotFileName"/>, written whole on every change (once per batch, see
/// below): to a temporary file in
/// the same folder, flushed to disk, then moved over the old one, so a crash leaves the old snapshot or the new one,
/// never a mix. History is a JSON Lines file, <see cref="HistoryFileName"/> (one entry a line, appended and flushed),
/// compacted to its newest <see cref="MaxHistory"/> entries once it holds a tenth more; a last line cut short by a crash
/// is left out when the file is read. Notification claims live in memory (one process sends them all).
/// </summary>
/// <remarks>
/// <para>
/// Everything is read on first use and kept in memory; one lock orders every operation, so concurrent callers are safe
/// and each change is on disk before its call returns. The folder is locked (<see cref="LockFileName"/>) while the store
/// is in use: a second store on the same folder, in this process or another, fails with a message saying so (replicas
/// share state through the Redis store instead).
/// </para>
/// <para>
/// The alerting engine opens a batch around each evaluation tick and each batch of events: the changes made in that
/// flow are kept in memory and the snapshot is written once when the batch ends (still through a temporary file,
/// flushed and moved), so a tick that changes many alerts writes once. A change made outside the batch (an API call)
/// writes the snapshot as before, with whatever the batch has changed so far. If the batch's write fails, its changes
/// stay in memory and go to disk with the next write.
/// </para>
/// <para>
/// A snapshot that cannot be read (not JSON, or not this format) is never overwritten: it is moved aside as
/// <c>alerts.json.corrupt-&lt;UTC time&gt;</c>, an error naming both files is logged, and the store starts without rules,
/// alerts or silences. A snapshot written by a newer format version stops the store instead (every call throws a
/// <see cref="PromptWatchException"/> naming the file), so that going back to an older version loses nothing.
/// </para>
/// </remarks>
public sealed class FileAlertStore : IAlertStore, IAlertStoreBatching, IAsyncDisposable, IDisposable
{
    /// <summary>The snapshot of rules, alerts and silences.</summary>
    public const string SnapshotFileName = "alerts.json";

    /// <summary>The history, one JSON object a line, oldest first.</summary>
    public const string HistoryFileName = "alert-history.jsonl";

    /// <summary>The file held open (exclusively) while the store uses the folder.</summary>
    public const string LockFileName = "alerts.lock";

    /// <summary>The default of <see cref="MaxHistory"/>.</summary>
    public const int DefaultMaxHistory = 10_000;

    private const string TemporarySuffix = ".tmp";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AlertRule> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly List<AlertHistoryEntry> _history = [];
    private readonly Lock _claimsLock = new();
    private readonly Dictionary<string, DateTimeOffset> _claims = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private FileStream? _folderLock;
    private int _historyLines;
    private bool _historyNeedsRewrite;
    private readonly AsyncLocal<Batch?> _batch = new();
    private long _version;
    private bool _unwritten;
    private bool _loaded;
    private bool _disposed;

    /// <summary>Creates the store; nothing is read or written until its first use.</summary>
    /// <param name="folder">The folder, created on first use if missing; the store's files are its only writers.</param>
    /// <param name="maxHistory">The most history entries kept (at least 1); older ones go first.</param>
    /// <param name="timeProvider">The clock for claim expiry and names of moved-aside files; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">Where loading, a corrupt snapshot and skipped history lines are logged.</param>
    public FileAlertStore(string folder, int maxHistory = DefaultMaxHistory, TimeProvider? timeProvider = null, ILogger<FileAlertStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHistory, 1);
        Folder = Path.GetFullPath(folder);
        MaxHistory = maxHistory;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The folder (a full path).</summary>
    public string Folder { get; }

    /// <summary>The most history entries kept.</summary>
    public int MaxHistory { get; }

    private string SnapshotPath => Path.Combine(Folder, SnapshotFileName);

    private string HistoryPath => Path.Combine(Folder, HistoryFileName);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AlertRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _rules.Values.OrderBy(static r => r.Name, StringComparer.Ordinal)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var had = _rules.TryGetValue(rule.Name, out var previous);
            _rules[rule.Name] = rule;
            await WriteSnapshotOrUndoAsync(() => Restore(_rules, rule.Name, had, previous), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_rules.Remove(name, out var previous)) return false;
            await WriteSnapshotOrUndoAsync(() => _rules[name] = previous, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _alerts.Values.OrderBy(static a => a.StartsAt).ThenBy(static a => a.Id, StringComparer.Ordinal)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<Alert?> GetAlertAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _alerts.GetValueOrDefault(id);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<Alert?> TrySaveAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var had = _alerts.TryGetValue(alert.Id, out var previous);
            if ((previous?.Version ?? 0) != alert.Version) return null;
            var saved = alert with { Version = alert.Version + 1 };
            _alerts[alert.Id] = saved;
            await WriteSnapshotOrUndoAsync(() => Restore(_alerts, alert.Id, had, previous), cancellationToken).ConfigureAwait(false);
            return saved;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> PruneAlertsAsync(DateTimeOffset resolvedBefore, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = _alerts.Values.Where(a => a.State == AlertState.Resolved && a.Resolution is { } r && r.At < resolvedBefore).ToList();
            if (old.Count == 0) return 0;
            foreach (var alert in old) _alerts.Remove(alert.Id);
            await WriteSnapshotOrUndoAsync(
                () =>
                {
                    foreach (var alert in old) _alerts[alert.Id] = alert;
                },
                cancellationToken).ConfigureAwait(false);
            return old.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _silences.Values.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var had = _silences.TryGetValue(silence.Id, out var previous);
            _silences[silence.Id] = silence;
            await WriteSnapshotOrUndoAsync(() => Restore(_silences, silence.Id, had, previous), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask AppendHistoryAsync(IReadOnlyList<AlertHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries) ArgumentNullException.ThrowIfNull(entry, nameof(entries));
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (entries.Count == 0) return;
            if (_historyNeedsRewrite)
            {
                // An earlier append failed part-way: its torn tail must not glue onto the next line.
                await RewriteHistoryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var buffer = new MemoryStream();
            foreach (var entry in entries) WriteLine(buffer, entry);
            try
            {
                var stream = new FileStream(HistoryPath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                _historyNeedsRewrite = true;
                if (e is OperationCanceledException) throw;
                throw new PromptWatchException($"Could not append to the alert history file {HistoryPath}: {e.Message}", e);
            }

            _history.AddRange(entries);
            if (_history.Count > MaxHistory) _history.RemoveRange(0, _history.Count - MaxHistory);
            _historyLines += entries.Count;
            if (_historyLines > MaxHistory + CompactionSlack)
            {
                await RewriteHistoryAsync(cancellationToken).ConfigureAwait(false);
                FileAlertStoreLog.HistoryCompacted(_logger, HistoryPath, _history.Count);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AlertHistoryEntry>> GetHistoryAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var found = new List<AlertHistoryEntry>();
            for (var i = _history.Count - 1; i >= 0 && found.Count < query.Limit; i--)
            {
                var e = _history[i];
                if ((query.Rule is null || e.Rule == query.Rule) && (query.AlertId is null || e.AlertId == query.AlertId) && (query.Since is not { } since || e.At >= since))
                {
                    found.Add(e);
                }
            }

            return found;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimNotificationAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_claimsLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_claims.Count > 10_000)
            {
                foreach (var expired in _claims.Where(c => c.Value <= now).Select(static c => c.Key).ToList()) _claims.Remove(expired);
            }

            if (_claims.TryGetValue(key, out var until) && until > now) return ValueTask.FromResult(false);
            _claims[key] = now + lifetime;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async ValueTask<long?> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _version;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    IAsyncDisposable IAlertStoreBatching.BeginBatch()
    {
        // Not async: the batch must be set in the caller's flow, which an async method's own changes would not reach.
        if (_batch.Value is { IsOpen: true }) return Batch.Nested;
        var batch = new Batch(this);
        _batch.Value = batch;
        return batch;
    }

    /// <summary>
    /// Writes what a batch left in memory and releases the folder (another store may use it afterwards); later calls
    /// throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <returns>A task that completes when the folder is released.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_unwritten && !_disposed)
            {
                try
                {
                    await WriteSnapshotAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (PromptWatchException e)
                {
                    // Closing goes on: the folder is released either way.
                    FileAlertStoreLog.UnwrittenOnClose(_logger, SnapshotPath, e.Message);
                }
            }

            lock (_claimsLock) _disposed = true;
            if (_folderLock is { } folderLock) await folderLock.DisposeAsync().ConfigureAwait(false);
            _folderLock = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the folder.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Ends a batch: writes the snapshot once if the batch changed anything (and nothing wrote it since).</summary>
    private async ValueTask EndBatchAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_unwritten && !_disposed) await WriteSnapshotAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How many lines beyond <see cref="MaxHistory"/> the history file may hold before it is compacted.</summary>
    private int CompactionSlack => Math.Max(1, MaxHistory / 10);

    private static void Restore<T>(Dictionary<string, T> items, string key, bool had, T? previous)
    {
        if (had) items[key] = previous!;
        else items.Remove(key);
    }

    private async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_loaded) await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>
    /// Writes the snapshot after a change (or, in a batch's flow, leaves it for the batch's end); on a failed write,
    /// undoes the change in memory. Either way the change counts for <see cref="GetVersionAsync"/>.
    /// </summary>
    private async Task WriteSnapshotOrUndoAsync(Action undo, CancellationToken cancellationToken)
    {
        if (_batch.Value is { IsOpen: true })
        {
            _unwritten = true;
            _version++;
            return;
        }

        try
        {
            await WriteSnapshotAsync(cancellationToken).ConfigureAwait(false);
            _version++;
        }
        catch
        {
            // The memory keeps what the disk has.
            undo();
            throw;
        }
    }

    /// <summary>Writes the snapshot of what memory holds; afterwards nothing is left unwritten.</summary>
    private async Task WriteSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = new AlertStoreSnapshot(
            AlertStoreSnapshot.CurrentFormat,
            [.. _rules.Values.OrderBy(static r => r.Name, StringComparer.Ordinal)],
            [.. _alerts.Values.OrderBy(static a => a.StartsAt).ThenBy(static a => a.Id, StringComparer.Ordinal)],
            [.. _silences.Values.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)]);
        await WriteAtomicallyAsync(
            SnapshotPath,
            stream =>
            {
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                JsonSerializer.Serialize(writer, snapshot, AlertStoreJsonContext.Default.AlertStoreSnapshot);
            },
            cancellationToken).ConfigureAwait(false);
        _unwritten = false;
    }

    private async Task RewriteHistoryAsync(CancellationToken cancellationToken)
    {
        await WriteAtomicallyAsync(
            HistoryPath,
            stream =>
            {
                foreach (var entry in _history) WriteLine(stream, entry);
            },
            cancellationToken).ConfigureAwait(false);
        _historyLines = _history.Count;
        _historyNeedsRewrite = false;
    }

    private static void WriteLine(Stream stream, AlertHistoryEntry entry)
    {
        // Compact JSON escapes line breaks inside strings, so an entry is exactly one line.
        JsonSerializer.Serialize(stream, entry, AlertStoreJsonContext.Default.AlertHistoryEntry);
        stream.Write(NewLine);
    }

    /// <summary>Writes <paramref name="path"/> through a temporary file in the same folder, flushed to disk, then moved over it.</summary>
    private static async Task WriteAtomicallyAsync(string path, Action<Stream> write, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            using var buffer = new MemoryStream();
            write(buffer);
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temporary);
            if (e is IOException or UnauthorizedAccessException) throw new PromptWatchException($"Could not write the alert state file {path}: {e.Message}", e);
            throw;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PromptWatchException($"Could not create the alert state folder {Folder}: {e.Message}", e);
        }

        _folderLock ??= LockFolder();
        RemoveTemporaryFiles();
        await LoadSnapshotAsync(cancellationToken).ConfigureAwait(false);
        await LoadHistoryAsync(cancellationToken).ConfigureAwait(false);
        _loaded = true;
        FileAlertStoreLog.Loaded(_logger, Folder, _rules.Count, _alerts.Count, _silences.Count, _history.Count);
    }

    private FileStream LockFolder()
    {
        var path = Path.Combine(Folder, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new PromptWatchException(
                $"The alert state folder {Folder} is in use by another alert store ({LockFileName} is locked): give each process a folder of its own, or share alert state between replicas with the Redis alert store.",
                e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new PromptWatchException($"Could not open {path}: {e.Message}", e);
        }
    }

    private void RemoveTemporaryFiles()
    {
        // Left by a crash between creating a temporary file and moving it into place.
        foreach (var path in Directory.EnumerateFiles(Folder, "*" + TemporarySuffix))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith(SnapshotFileName + ".", StringComparison.Ordinal) || name.StartsWith(HistoryFileName + ".", StringComparison.Ordinal)) TryDelete(path);
        }
    }

    private async Task LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var path = SnapshotPath;
        if (!File.Exists(path)) return;
        var bytes = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        AlertStoreSnapshot? snapshot;
        string? problem = null;
        try
        {
            snapshot = JsonSerializer.Deserialize(bytes, AlertStoreJsonContext.Default.AlertStoreSnapshot);
            if (snapshot is null) problem = "it holds null";
            else if (snapshot.Format > AlertStoreSnapshot.CurrentFormat)
            {
                throw new PromptWatchException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The alert state file {path} has format {snapshot.Format}, written by a newer version of PromptWatch; this version reads format {AlertStoreSnapshot.CurrentFormat}. Upgrade, or move the file away to start without it."));
            }
            else if (snapshot.Format < 1) problem = "it has no format version";
        }
        catch (JsonException e)
        {
            snapshot = null;
            problem = e.Message;
        }

        if (problem is not null || snapshot is null)
        {
            var keptAs = $"{path}.corrupt-{_timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
            File.Move(path, keptAs, overwrite: false);
            FileAlertStoreLog.SnapshotCorrupt(_logger, path, problem ?? "unreadable", keptAs);
            return;
        }

        foreach (var rule in snapshot.Rules) _rules[rule.Name] = rule;
        foreach (var alert in snapshot.Alerts) _alerts[alert.Id] = alert;
        foreach (var silence in snapshot.Silences) _silences[silence.Id] = silence;
    }

    private async Task LoadHistoryAsync(CancellationToken cancellationToken)
    {
        var path = HistoryPath;
        if (!File.Exists(path)) return;
        var bytes = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var skipped = 0;
        var lines = 0;
        var rest = bytes.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.IsEmpty) continue;
            lines++;
            try
            {
                if (JsonSerializer.Deserialize(line, AlertStoreJsonContext.Default.AlertHistoryEntry) is { } entry) _history.Add(entry);
                else skipped++;
            }
            catch (JsonException)
            {
                skipped++;
            }
        }

        if (_history.Count > MaxHistory) _history.RemoveRange(0, _history.Count - MaxHistory);
        _historyLines = lines;
        var tornTail = bytes.Length > 0 && bytes[^1] != (byte)'\n';
        if (skipped > 0) FileAlertStoreLog.HistoryLinesSkipped(_logger, path, skipped);
        if (skipped > 0 || tornTail || _historyLines > MaxHistory + CompactionSlack) await RewriteHistoryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PromptWatchException($"Could not read the alert state file {path}: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed on the next start.
        }
    }

    /// <summary>One batch of changes in one flow; its end writes them.</summary>
    private sealed class Batch(FileAlertStore? store) : IAsyncDisposable
    {
        /// <summary>Returned for a batch opened inside another: the outer one writes.</summary>
        public static readonly Batch Nested = new(null);

        public bool IsOpen { get; private set; } = store is not null;

        public ValueTask DisposeAsync()
        {
            if (!IsOpen || store is null) return ValueTask.CompletedTask;
            IsOpen = false;
            return store.EndBatchAsync();
        }
    }
}
