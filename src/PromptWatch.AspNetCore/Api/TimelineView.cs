using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Results;
using PromptWatch.Serialization;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// One published timeline, serialized once: every entry's JSON (on first use), the whole array, look-ups by entry
/// key and result key, and the whole array compressed (Brotli and gzip, each on first request). Requests filter and
/// concatenate pre-serialized entries. Without a <see cref="TimelineViewCache"/> the view keeps every part it
/// serialized; with one, the parts live in that shared, size-bounded cache and a part it dropped is serialized again
/// (to the same bytes) when a request needs it.
/// </summary>
internal sealed class TimelineView
{
    /// <summary>The cache slots of the whole array and its compressed forms; entries use their index.</summary>
    private const int ArraySlot = -1;
    private const int BrotliSlot = -2;
    private const int GzipSlot = -3;

    private readonly Lazy<byte[]>? _array;
    private readonly Lazy<byte[]>? _brotli;
    private readonly Lazy<byte[]>? _gzip;
    private readonly Lazy<FrozenDictionary<EntryKey, int>> _byKey;
    private readonly byte[]?[]? _json;
    private readonly TimeSpan _viewLifetime;
    private readonly TimelineViewCache? _cache;
    private readonly long _id;

    public TimelineView(long timelineVersion, ImmutableArray<TimelineEntry> entries, string evalBase, TimeSpan viewLifetime, TimelineViewCache? cache = null)
    {
        TimelineVersion = timelineVersion;
        Entries = entries;
        EvalBase = evalBase;
        _viewLifetime = viewLifetime;
        _cache = cache;
        if (cache is null)
        {
            _json = new byte[entries.Length][];
            _array = new(JoinAll);
            _brotli = new(() => CompressedBody.Compress(Array, ContentCoding.Brotli));
            _gzip = new(() => CompressedBody.Compress(Array, ContentCoding.Gzip));
        }
        else
        {
            _id = cache.NextView();
        }

        _byKey = new(() => BuildKeys(entries));
    }

    /// <summary>Drops this view's parts from the shared cache, if it uses one (a newer timeline replaced it).</summary>
    public void Forget() => _cache?.Forget(_id);

    public long TimelineVersion { get; }

    public string EvalBase { get; }

    public ImmutableArray<TimelineEntry> Entries { get; }

    /// <summary>
    /// The JSON object of the entry at <paramref name="index"/>, serialized (with its diff) on first use and kept:
    /// a view serves pages of the newest entries far more often than the whole timeline, so a workspace that is only
    /// paged holds the bytes of the entries it served, not of its whole history. With a cache, kept there while the
    /// budget allows: a caller that needs the same bytes twice (a length, then a copy) holds on to the array it got.
    /// </summary>
    public byte[] JsonOf(int index)
    {
        if (_cache is not null)
        {
            return _cache.TryGet(_id, index) ?? _cache.Add(_id, index, Serialize(Entries[index], EvalBase, _viewLifetime));
        }

        var json = Volatile.Read(ref _json![index]);
        if (json is not null) return json;
        json = Serialize(Entries[index], EvalBase, _viewLifetime);
        // Two requests may serialize the same entry at once; both produce the same bytes and the first one stays.
        return Interlocked.CompareExchange(ref _json[index], json, null) ?? json;
    }

    /// <summary>The whole timeline as one JSON array.</summary>
    public byte[] Array => _cache is null ? _array!.Value : Cached(ArraySlot, JoinAll);

    /// <summary>The whole timeline in <paramref name="coding"/>, compressed on first use.</summary>
    public byte[] ArrayIn(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => _cache is null ? _brotli!.Value : Cached(BrotliSlot, () => CompressedBody.Compress(Array, ContentCoding.Brotli)),
        ContentCoding.Gzip => _cache is null ? _gzip!.Value : Cached(GzipSlot, () => CompressedBody.Compress(Array, ContentCoding.Gzip)),
        _ => Array,
    };

    private byte[] Cached(int slot, Func<byte[]> build) => _cache!.TryGet(_id, slot) ?? _cache.Add(_id, slot, build());

    /// <summary>The position of the entry with this key.</summary>
    public bool TryFind(EntryKey key, out int index) => _byKey.Value.TryGetValue(key, out index);

    public static EntryKey KeyOf(TimelineEntry entry) =>
        new(entry.Repository, entry.Change.Commit.Sha, entry.Change.Environment, entry.Change.UseCase ?? string.Empty);

    private static FrozenDictionary<EntryKey, int> BuildKeys(ImmutableArray<TimelineEntry> entries)
    {
        var keys = new Dictionary<EntryKey, int>(entries.Length);
        for (var i = 0; i < entries.Length; i++) keys.TryAdd(KeyOf(entries[i]), i);
        return keys.ToFrozenDictionary();
    }

    private static byte[] Serialize(TimelineEntry entry, string evalBase, TimeSpan viewLifetime)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonResponses.WriterOptions))
        {
            // The view keeps the bytes: the entry need not keep its diff's objects too.
            ChangeEntryJson.Write(writer, entry.Change, includeDiff: true, (w, change) => WriteHostFields(w, entry, change, evalBase, viewLifetime), keepDiff: false);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHostFields(Utf8JsonWriter writer, TimelineEntry entry, ChangeEntry change, string evalBase, TimeSpan viewLifetime)
    {
        writer.WriteString("repository", entry.Repository);
        ScoreJson.WriteChangeScores(writer, entry);
        writer.WriteBoolean("show_enabled", change.IsLatest && change.Kind is ChangeKind.Added or ChangeKind.Changed);
        // true: found; false: none (or no store); null: unknown, a store could not be listed.
        if (entry.ResultsState == EvaluationResultsState.Unknown) writer.WriteNull("has_eval_results");
        else writer.WriteBoolean("has_eval_results", entry.ResultsState == EvaluationResultsState.Found);
        writer.WriteString("eval_results_status", entry.ResultsState switch
        {
            EvaluationResultsState.Found => "found",
            EvaluationResultsState.None => "none",
            EvaluationResultsState.Unknown => "unknown",
            _ => "not_configured",
        });
        var sha = change.Commit.Sha;
        if (entry.Results.IsEmpty)
        {
            writer.WriteNull("eval_results_url");
            writer.WriteNull("eval_direct_url");
        }
        else
        {
            writer.WriteString("eval_results_url", ViewUrl(entry.Results[0], sha, evalBase, viewLifetime));
            writer.WriteString("eval_direct_url", evalBase + sha);
        }

        writer.WriteStartArray("eval_results");
        foreach (var result in entry.Results)
        {
            writer.WriteStartObject();
            writer.WriteString("name", result.Result.DisplayName);
            writer.WriteString("kind", result.Result.Kind.ToString().ToLowerInvariant());
            writer.WriteString("usecase", result.Result.UseCase);
            writer.WriteString("key", result.Result.Key);
            writer.WriteString("store", result.Store.DisplayName);
            writer.WriteString("url", EvaluationEndpoints.ReportUrl(evalBase, sha, result));
            // A store without a view of its own (a folder) would only lead back to the report: no view link then.
            writer.WriteString("view_url", result.Store is IEvaluationResultLinks ? ViewUrl(result, sha, evalBase, viewLifetime) : null);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// A console URL when the store's links do not expire; otherwise this server's view route, which signs a
    /// fresh URL per request (a published snapshot outlives any signature).
    /// </summary>
    private static string ViewUrl(StoredEvaluationResult result, string sha, string evalBase, TimeSpan lifetime) =>
        result.Store is IEvaluationResultLinks { ViewUrlsAreStable: true } links && links.GetViewUrl(result.Result, lifetime) is { } url
            ? EvaluationEndpoints.LinkOf(url)
            : EvaluationEndpoints.ViewUrl(evalBase, sha, result);

    private byte[] JoinAll()
    {
        // The whole array needs every entry: the missing ones (and their diffs) are serialized in parallel.
        var parts = new byte[Entries.Length][];
        Parallel.For(0, parts.Length, i => parts[i] = JsonOf(i));
        var length = 2 + Math.Max(0, parts.Length - 1) + parts.Sum(static j => (long)j.Length);
        var array = new byte[length];
        var position = 0;
        array[position++] = (byte)'[';
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) array[position++] = (byte)',';
            var json = parts[i];
            json.CopyTo(array, position);
            position += json.Length;
        }

        array[position] = (byte)']';
        return array;
    }
}

/// <summary>Identifies an entry across snapshots: repository, commit, environment and use case.</summary>
internal readonly record struct EntryKey(string Repository, string Sha, string Environment, string UseCase);
