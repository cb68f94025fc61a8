using LibGit2Sharp;

namespace PromptWatch.Scanning;

/// <summary>
/// Walks a branch the way <c>git log --follow -- &lt;file&gt;</c> does, for several files at once:
/// every commit from the tip, newest commit date first (ties in the order they were reached), no
/// history simplification; a non-merge commit lists a file when the file's blob differs from the
/// first parent's; merges list nothing; when a file is added, the path it was renamed or copied
/// from is followed from there on.
/// </summary>
internal sealed class FollowWalk
{
    private readonly Repository _repository;
    private readonly string[] _paths;
    private readonly Dictionary<ObjectId, BlobAtPath[]> _blobCache = [];

    private FollowWalk(Repository repository, IEnumerable<string> paths)
    {
        _repository = repository;
        _paths = [.. paths];
    }

    /// <summary>The file versions found, newest first.</summary>
    public List<FileVersion> Versions { get; } = [];

    /// <summary>The number of commits visited.</summary>
    public int CommitsWalked { get; private set; }

    /// <summary>Why an incremental walk had to give up, or <see langword="null"/>.</summary>
    public string? Abandoned { get; private set; }

    /// <summary>Walks the whole history reachable from <paramref name="tip"/>.</summary>
    public static FollowWalk Full(Repository repository, Commit tip, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var walk = new FollowWalk(repository, paths);
        walk.Run(tip, newCommits: null, oldTip: null, cancellationToken);
        return walk;
    }

    /// <summary>
    /// Walks only <paramref name="newCommits"/> (those reachable from <paramref name="tip"/> but not from
    /// <paramref name="oldTip"/>). Gives up (see <see cref="Abandoned"/>) when a full walk would not list
    /// them all before <paramref name="oldTip"/>'s history, or when a watched file was renamed in them:
    /// appending would then differ from a full scan.
    /// </summary>
    public static FollowWalk Incremental(Repository repository, Commit tip, Commit oldTip, HashSet<ObjectId> newCommits, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var walk = new FollowWalk(repository, paths);
        var startPaths = walk._paths.ToArray();
        walk.Run(tip, newCommits, oldTip, cancellationToken);
        if (walk.Abandoned is null && !walk._paths.SequenceEqual(startPaths, StringComparer.Ordinal))
        {
            walk.Abandoned = "a watched file was renamed in the new commits";
        }

        return walk;
    }

    private void Run(Commit tip, HashSet<ObjectId>? newCommits, Commit? oldTip, CancellationToken cancellationToken)
    {
        var queue = new PriorityQueue<Commit, (long Date, long Order)>(NewestFirst.Instance);
        var seen = new HashSet<ObjectId> { tip.Id };
        long order = 0;
        var newInQueue = 0;
        queue.Enqueue(tip, (tip.Committer.When.ToUnixTimeSeconds(), order++));
        if (newCommits?.Contains(tip.Id) == true) newInQueue++;

        while (queue.TryDequeue(out var commit, out _))
        {
            if ((CommitsWalked & 0xFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (newCommits is not null)
            {
                if (!newCommits.Contains(commit.Id))
                {
                    if (commit.Id != oldTip!.Id || newInQueue > 0) Abandoned = "new commits are older than the previous scan's tip";
                    return;
                }

                newInQueue--;
            }

            CommitsWalked++;
            var parents = commit.Parents.ToList();
            foreach (var parent in parents)
            {
                if (!seen.Add(parent.Id)) continue;
                if (newCommits is not null)
                {
                    if (newCommits.Contains(parent.Id)) newInQueue++;
                    else if (parent.Id != oldTip!.Id)
                    {
                        Abandoned = "new commits merge history other than the previous scan's tip";
                        return;
                    }
                }

                queue.Enqueue(parent, (parent.Committer.When.ToUnixTimeSeconds(), order++));
            }

            var own = BlobsAt(commit);
            _blobCache.Remove(commit.Id);
            if (parents.Count > 1) continue;

            var parentBlobs = parents.Count == 1 ? BlobsAt(parents[0]) : null;

            // Newest first overall, so within one commit the last file comes first: replayed in reverse,
            // a commit's files come in watched-file order.
            for (var file = _paths.Length - 1; file >= 0; file--)
            {
                var blob = own[file].Blob;
                var parentBlob = parentBlobs?[file].Blob;
                if (blob == parentBlob) continue;
                Versions.Add(new FileVersion(commit, file, _paths[file], blob));
                if (blob is not null && parentBlob is null && parents.Count == 1)
                {
                    var source = RenameFollower.FindSource(_repository, commit, parents[0], _paths[file], blob, own[file].Mode);
                    if (source is not null) _paths[file] = source;
                }
            }
        }
    }

    /// <summary>The blob of every watched file at its current path in <paramref name="commit"/>, cached per commit.</summary>
    private BlobAtPath[] BlobsAt(Commit commit)
    {
        if (!_blobCache.TryGetValue(commit.Id, out var blobs))
        {
            blobs = new BlobAtPath[_paths.Length];
            _blobCache[commit.Id] = blobs;
        }

        Tree? tree = null;
        for (var file = 0; file < _paths.Length; file++)
        {
            var path = _paths[file];
            if (ReferenceEquals(blobs[file].Path, path)) continue;
            tree ??= commit.Tree;
            var entry = tree[path];
            blobs[file] = entry is { TargetType: TreeEntryTargetType.Blob }
                ? new BlobAtPath(path, entry.Target.Id, entry.Mode)
                : new BlobAtPath(path, null, default);
        }

        return blobs;
    }

    private readonly record struct BlobAtPath(string? Path, ObjectId? Blob, Mode Mode);

    /// <summary>Newest commit date first; equal dates in the order reached.</summary>
    private sealed class NewestFirst : IComparer<(long Date, long Order)>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare((long Date, long Order) x, (long Date, long Order) y) =>
            x.Date != y.Date ? y.Date.CompareTo(x.Date) : x.Order.CompareTo(y.Order);
    }
}
