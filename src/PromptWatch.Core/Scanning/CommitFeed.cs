using System.Collections.Concurrent;
using LibGit2Sharp;
using PromptWatch.Scanning.Native;

namespace PromptWatch.Scanning;

/// <summary>
/// The commit order of a full walk, found on a thread of its own through a libgit2 handle of its own: every commit
/// reachable from the tip, newest commit date first (ties in the order they were reached), each with its root tree and
/// its first parent's, handed over in batches. The walk compares trees on its own thread meanwhile, so reading and
/// parsing commits (half of a walk's work) no longer waits for the tree comparisons, nor they for it.
/// </summary>
internal sealed class CommitFeed : IDisposable
{
    /// <summary>Commits handed over at once.</summary>
    private const int BatchSize = 64;

    private readonly NativeRepository _native;
    private readonly BlockingCollection<WalkedCommit[]> _batches = new(new ConcurrentQueue<WalkedCommit[]>());
    private readonly CancellationTokenSource _stop;
    private readonly Task _ordering;
    private bool _disposed;

    private CommitFeed(NativeRepository native, GitOid tip, CancellationToken cancellationToken)
    {
        _native = native;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = _stop.Token;
        // Not cancellable before it starts: Run always runs, to free the handle on its own thread.
        _ordering = Task.Factory.StartNew(() => Run(tip, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts ordering the commits reachable from <paramref name="tip"/> on a new libgit2 handle of <paramref name="repository"/>.</summary>
    public static CommitFeed Start(Repository repository, GitOid tip, CancellationToken cancellationToken)
    {
        var native = NativeRepository.Open(repository);
        try
        {
            return new CommitFeed(native, tip, cancellationToken);
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    /// <summary>The commits in walk order, as they are found; rethrows, at the end, what the ordering thread threw.</summary>
    public IEnumerable<WalkedCommit> Commits(CancellationToken cancellationToken)
    {
        foreach (var batch in _batches.GetConsumingEnumerable(cancellationToken))
        {
            foreach (var commit in batch) yield return commit;
        }

        _ordering.GetAwaiter().GetResult();
    }

    private void Run(GitOid tip, CancellationToken cancellationToken)
    {
        try
        {
            var queue = new PriorityQueue<GitOid, (long Date, long Order)>(NewestFirst.Instance);
            var trees = new Dictionary<GitOid, GitOid>();
            var parents = new List<GitOid>(2);
            var scratch = new List<GitOid>(2);
            long order = 0;
            var tipHeader = _native.ReadCommit(tip, scratch);
            trees[tip] = tipHeader.Tree;
            queue.Enqueue(tip, (tipHeader.Time, order++));
            var batch = new WalkedCommit[BatchSize];
            var count = 0;
            while (queue.TryDequeue(out var commit, out _))
            {
                var header = _native.ReadCommit(commit, parents);
                foreach (var parent in parents)
                {
                    if (trees.ContainsKey(parent)) continue;
                    var parentHeader = _native.ReadCommit(parent, scratch);
                    trees[parent] = parentHeader.Tree;
                    queue.Enqueue(parent, (parentHeader.Time, order++));
                }

                var first = parents.Count > 0 ? parents[0] : default;
                batch[count++] = new WalkedCommit(commit, header.Tree, parents.Count, first, parents.Count > 0 ? trees[first] : default);
                if (count < BatchSize) continue;
                cancellationToken.ThrowIfCancellationRequested();
                _batches.Add(batch, cancellationToken);
                batch = new WalkedCommit[BatchSize];
                count = 0;
            }

            if (count > 0) _batches.Add(batch[..count], cancellationToken);
        }
        finally
        {
            _batches.CompleteAdding();

            // Freeing a handle frees every object it cached (a whole history's commits): done here, it overlaps the walk's end.
            _native.Dispose();
        }
    }

    /// <summary>Stops the ordering thread (when the walk failed or was cancelled) and waits until it has freed its handle.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stop.Cancel();
        try
        {
            _ordering.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Thrown to the walk already, or of no interest once the walk itself failed.
        }

        _stop.Dispose();
        _batches.Dispose();
    }

    /// <summary>Newest commit date first; equal dates in the order reached.</summary>
    internal sealed class NewestFirst : IComparer<(long Date, long Order)>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare((long Date, long Order) x, (long Date, long Order) y) =>
            x.Date != y.Date ? y.Date.CompareTo(x.Date) : x.Order.CompareTo(y.Order);
    }
}

/// <summary>A commit of a full walk: its root tree, how many parents it has, and its first parent with that parent's root tree.</summary>
internal readonly record struct WalkedCommit(GitOid Commit, GitOid Tree, int ParentCount, GitOid FirstParent, GitOid FirstParentTree);
