using System.Collections.Concurrent;
using LibGit2Sharp;
using PromptWatch.Model;
using PromptWatch.Parsing;
using PromptWatch.Scanning.Native;

namespace PromptWatch.Scanning;

/// <summary>
/// Reads what the replay of a full scan needs (each distinct blob, parsed, and each listed commit's header) on a
/// thread of its own while the walk goes on, through a libgit2 handle of its own: the walk hands it the file versions
/// as it finds them, in batches. Parsing gives the same result in any order (the parser's block cache is keyed by the
/// bytes of each block), so the replay, oldest first, finds exactly what it would have read itself.
/// </summary>
internal sealed class VersionReader : IDisposable
{
    /// <summary>Versions handed over at once: few enough that the reader follows the walk closely, enough to wake it rarely.</summary>
    private const int BatchSize = 32;

    private readonly NativeRepository _native;
    private readonly ConfigParserSelector _parsers;
    private readonly long _maxFileBytes;
    private readonly BlockingCollection<FileVersion[]> _batches = new(new ConcurrentQueue<FileVersion[]>());
    private readonly CancellationTokenSource _stop;
    private readonly Dictionary<(GitOid, IConfigParser), ParsedConfig> _parsed = [];
    private readonly Dictionary<GitOid, CommitInfo> _commits = [];
    private readonly Task _reading;
    private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileVersion[] _pending = new FileVersion[BatchSize];
    private int _pendingCount;
    private bool _disposed;

    private VersionReader(NativeRepository native, ConfigParserSelector parsers, long maxFileBytes, CancellationToken cancellationToken)
    {
        _native = native;
        _parsers = parsers;
        _maxFileBytes = maxFileBytes;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = _stop.Token;
        // Not cancellable before it starts: Run always runs, to free the handle on its own thread.
        _reading = Task.Factory.StartNew(() => Run(stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts a reader on a new libgit2 handle of <paramref name="repository"/> (reading blobs from the packs directly unless <paramref name="readsPacks"/> is false).</summary>
    public static VersionReader Start(Repository repository, ConfigParserSelector parsers, long maxFileBytes, bool readsPacks, CancellationToken cancellationToken)
    {
        var native = NativeRepository.Open(repository, readsPacks);
        try
        {
            return new VersionReader(native, parsers, maxFileBytes, cancellationToken);
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    /// <summary>Hands over a version the walk found (called by the walk's thread only).</summary>
    public void Add(in FileVersion version)
    {
        _pending[_pendingCount++] = version;
        if (_pendingCount < BatchSize) return;
        _batches.Add(_pending);
        _pending = new FileVersion[BatchSize];
        _pendingCount = 0;
    }

    /// <summary>Waits until every version handed over is read; rethrows what the reading thread threw.</summary>
    public (Dictionary<(GitOid, IConfigParser), ParsedConfig> Parsed, Dictionary<GitOid, CommitInfo> Commits) Finish()
    {
        if (_pendingCount > 0) _batches.Add(_pending[.._pendingCount]);
        _pendingCount = 0;
        _batches.CompleteAdding();
        _read.Task.GetAwaiter().GetResult();
        return (_parsed, _commits);
    }

    /// <summary>Reads a blob's content and parses it, or says why it is not read (too large, binary).</summary>
    public static ParsedConfig Read(NativeRepository repository, GitOid blobId, IConfigParser parser, long maxFileBytes)
    {
        var size = repository.BlobSize(blobId);
        if (size > maxFileBytes)
        {
            return ParsedConfig.Failure(new ConfigError($"the file is {size:N0} bytes, above the limit of {maxFileBytes:N0} bytes; not read"));
        }

        return repository.ReadBlob(blobId, parser, static (content, _, parser) =>
            GitSimilarity.IsBinary(content)
                ? ParsedConfig.Failure(new ConfigError("the file is binary, not a configuration file; skipped"))
                : parser.Parse(content));
    }

    private void Run(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var batch in _batches.GetConsumingEnumerable(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var version in batch)
                {
                    if (!_commits.ContainsKey(version.Commit)) _commits[version.Commit] = _native.ReadCommitInfo(version.Commit, version.Commit.ToSha());
                    if (version.Blob is not { } blob) continue;
                    var parser = _parsers.For(version.Path);
                    if (!_parsed.ContainsKey((blob, parser))) _parsed[(blob, parser)] = Read(_native, blob, parser, _maxFileBytes);
                }
            }

            _read.TrySetResult();
        }
        catch (OperationCanceledException e)
        {
            _read.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            _read.TrySetException(e);
        }
        finally
        {
            // Freeing a handle frees every object it cached: done here, after the results are handed over, it overlaps the replay.
            _native.Dispose();
        }
    }

    /// <summary>Stops the reading thread (when the walk failed or was cancelled) and waits until it has freed its handle.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_batches.IsAddingCompleted) _batches.CompleteAdding();
        _stop.Cancel();
        _reading.Wait(CancellationToken.None);
        _stop.Dispose();
        _batches.Dispose();
    }
}
