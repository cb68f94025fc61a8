using LibGit2Sharp;
using PromptWatch.Scanning.Native;

namespace PromptWatch.Scanning;

/// <summary>
/// Walks a branch the way <c>git log --follow -- &lt;file&gt;</c> does, for several files at once:
/// every commit from the tip, newest commit date first (ties in the order they were reached), no
/// history simplification; a non-merge commit lists a file when the file's blob differs from the
/// first parent's; merges list nothing; when a file is added, the path it was renamed or copied
/// from is followed from there on. Commits and trees are read through libgit2 directly, without a
/// managed object per commit.
/// </summary>
internal sealed class FollowWalk
{
    private readonly Repository _repository;
    private readonly NativeRepository _native;
    private readonly long _maxFileBytes;
    private readonly string[] _paths;
    private readonly Dictionary<GitOid, BlobAtPath[]> _blobCache = [];
    private readonly Stack<BlobAtPath[]> _spareBlobArrays = new();
    private readonly List<GitOid> _scratchParents = new(2);
    private readonly VersionReader? _reader;

    private FollowWalk(Repository repository, NativeRepository native, IEnumerable<string> paths, long maxFileBytes, VersionReader? reader = null)
    {
        _repository = repository;
        _reader = reader;
        _native = native;
        _maxFileBytes = maxFileBytes;
        _paths = [.. paths];
    }

    /// <summary>The file versions found, newest first; within one commit, the last watched file first.</summary>
    public List<FileVersion> Versions { get; } = [];

    /// <summary>The number of commits visited.</summary>
    public int CommitsWalked { get; private set; }

    /// <summary>Why an incremental walk had to give up, or <see langword="null"/>.</summary>
    public string? Abandoned { get; private set; }

    /// <summary>
    /// Walks the whole history reachable from <paramref name="tip"/>, handing each version found to <paramref name="reader"/>
    /// when there is one; in the order <paramref name="feed"/> finds the commits when there is one, else finding it itself.
    /// </summary>
    public static FollowWalk Full(Repository repository, NativeRepository native, GitOid tip, IEnumerable<string> paths, long maxFileBytes, VersionReader? reader, CommitFeed? feed, CancellationToken cancellationToken)
    {
        var walk = new FollowWalk(repository, native, paths, maxFileBytes, reader);
        if (feed is null)
        {
            walk.Run(tip, newCommits: null, oldTip: default, cancellationToken);
        }
        else
        {
            walk.Run(feed, cancellationToken);
        }

        return walk;
    }

    /// <summary>
    /// Walks only <paramref name="newCommits"/> (those reachable from <paramref name="tip"/> but not from
    /// <paramref name="oldTip"/>). Gives up (see <see cref="Abandoned"/>) when a full walk would not list
    /// them all before <paramref name="oldTip"/>'s history, or when a watched file was renamed in them:
    /// appending would then differ from a full scan.
    /// </summary>
    public static FollowWalk Incremental(Repository repository, NativeRepository native, GitOid tip, GitOid oldTip, HashSet<GitOid> newCommits, IEnumerable<string> paths, long maxFileBytes, CancellationToken cancellationToken)
    {
        var walk = new FollowWalk(repository, native, paths, maxFileBytes);
        var startPaths = walk._paths.ToArray();
        walk.Run(tip, newCommits, oldTip, cancellationToken);
        if (walk.Abandoned is null && !walk._paths.SequenceEqual(startPaths, StringComparer.Ordinal))
        {
            walk.Abandoned = "a watched file was renamed in the new commits";
        }

        return walk;
    }

    private void Run(GitOid tip, HashSet<GitOid>? newCommits, GitOid oldTip, CancellationToken cancellationToken)
    {
        var queue = new PriorityQueue<GitOid, (long Date, long Order)>(CommitFeed.NewestFirst.Instance);
        var seen = new HashSet<GitOid> { tip };
        var parents = new List<GitOid>(2);
        long order = 0;
        var newInQueue = 0;
        queue.Enqueue(tip, (_native.CommitTime(tip), order++));
        if (newCommits?.Contains(tip) == true) newInQueue++;

        while (queue.TryDequeue(out var commit, out _))
        {
            if ((CommitsWalked & 0xFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (newCommits is not null)
            {
                if (!newCommits.Contains(commit))
                {
                    if (commit != oldTip || newInQueue > 0) Abandoned = "new commits are older than the previous scan's tip";
                    return;
                }

                newInQueue--;
            }

            CommitsWalked++;
            var header = _native.ReadCommit(commit, parents);
            foreach (var parent in parents)
            {
                if (!seen.Add(parent)) continue;
                if (newCommits is not null)
                {
                    if (newCommits.Contains(parent))
                    {
                        newInQueue++;
                    }
                    else if (parent != oldTip)
                    {
                        Abandoned = "new commits merge history other than the previous scan's tip";
                        return;
                    }
                }

                queue.Enqueue(parent, (_native.CommitTime(parent), order++));
            }

            var own = BlobsAt(commit, header.Tree);
            _blobCache.Remove(commit);
            if (parents.Count <= 1) Compare(commit, own, parents.Count == 1 ? parents[0] : null);
            _spareBlobArrays.Push(own);
        }
    }

    /// <summary>Compares each commit <paramref name="feed"/> hands over with its first parent, in the feed's order.</summary>
    private void Run(CommitFeed feed, CancellationToken cancellationToken)
    {
        foreach (var commit in feed.Commits(cancellationToken))
        {
            if ((CommitsWalked & 0xFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            CommitsWalked++;
            var own = BlobsAt(commit.Commit, commit.Tree);
            _blobCache.Remove(commit.Commit);
            if (commit.ParentCount <= 1) Compare(commit.Commit, own, commit.ParentCount == 1 ? commit.FirstParent : null, commit.FirstParentTree);
            _spareBlobArrays.Push(own);
        }
    }

    /// <summary>Lists the files whose blob differs from the parent's (its root tree given when known), and follows renames of added files.</summary>
    private void Compare(GitOid commit, BlobAtPath[] own, GitOid? parent, GitOid? parentTree = null)
    {
        var parentBlobs = parent is { } p ? BlobsAt(p, parentTree) : null;

        // Newest first overall, so within one commit the last file comes first: replayed in reverse,
        // a commit's files come in watched-file order.
        for (var file = _paths.Length - 1; file >= 0; file--)
        {
            var blob = own[file].Blob;
            var parentBlob = parentBlobs?[file].Blob;
            if (blob == parentBlob) continue;
            var version = new FileVersion(commit, file, _paths[file], blob);
            Versions.Add(version);
            _reader?.Add(version);
            if (blob is { } added && parentBlob is null && parent is { } from)
            {
                var source = RenameFollower.FindSource(
                    _repository,
                    _native,
                    _maxFileBytes,
                    _repository.Lookup<Commit>(commit.ToObjectId()),
                    _repository.Lookup<Commit>(from.ToObjectId()),
                    _paths[file],
                    added.ToObjectId(),
                    (Mode)own[file].Mode);
                if (source is not null) _paths[file] = source;
            }
        }
    }

    /// <summary>The blob of every watched file at its current path in a commit, cached until the commit is walked.</summary>
    private BlobAtPath[] BlobsAt(GitOid commit, GitOid? tree)
    {
        if (!_blobCache.TryGetValue(commit, out var blobs))
        {
            blobs = _spareBlobArrays.TryPop(out var spare) ? spare : new BlobAtPath[_paths.Length];
            Array.Clear(blobs);
            _blobCache[commit] = blobs;
        }

        if (!AllCurrent(blobs))
        {
            var root = tree ?? _native.ReadCommit(commit, _scratchParents).Tree;
            _native.BlobsAt(root, _paths, blobs, blobs);
        }

        return blobs;
    }

    private bool AllCurrent(BlobAtPath[] blobs)
    {
        for (var i = 0; i < _paths.Length; i++)
        {
            if (!ReferenceEquals(blobs[i].Path, _paths[i])) return false;
        }

        return true;
    }

}
