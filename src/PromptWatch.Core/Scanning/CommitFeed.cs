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

    /// <summary>
    /// Starts ordering the commits reachable from <paramref name="tip"/> on a new libgit2 handle of <paramref name="repository"/>
    /// (reading commits from the packs directly unless <paramref name="readsPacks"/> is false).
    /// </summary>
    public static CommitFeed Start(Repository repository, GitOid tip, bool readsPacks, CancellationToken cancellationToken)
    {
        var native = NativeRepository.Open(repository, readsPacks);
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
            // Each commit is read once, when first reached: its tree and parents are kept until it is walked.
            var queue = new PriorityQueue<GitOid, (long Date, long Order)>(NewestFirst.Instance);
            var reached = new Dictionary<GitOid, ReachedCommit>();
            var parentIds = new List<GitOid>();
            var scratch = new List<GitOid>(2);
            long order = 0;
            Reach(tip, reached, parentIds, scratch, queue, ref order);
            var batch = new WalkedCommit[BatchSize];
            var count = 0;
            while (queue.TryDequeue(out var commit, out _))
            {
                var own = reached[commit];
                for (var i = 0; i < own.ParentCount; i++)
                {
                    var parent = parentIds[own.FirstParent + i];
                    if (!reached.ContainsKey(parent)) Reach(parent, reached, parentIds, scratch, queue, ref order);
                }

                var first = own.ParentCount > 0 ? parentIds[own.FirstParent] : default;
                batch[count++] = new WalkedCommit(commit, own.Tree, own.ParentCount, first, own.ParentCount > 0 ? reached[first].Tree : default);
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

    /// <summary>Reads a commit reached for the first time and queues it by its date.</summary>
    private void Reach(GitOid commit, Dictionary<GitOid, ReachedCommit> reached, List<GitOid> parentIds, List<GitOid> scratch, PriorityQueue<GitOid, (long Date, long Order)> queue, ref long order)
    {
        var header = _native.ReadCommit(commit, scratch);
        reached[commit] = new ReachedCommit(header.Tree, parentIds.Count, scratch.Count);
        parentIds.AddRange(scratch);
        queue.Enqueue(commit, (header.Time, order++));
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

/// <summary>A commit reached by the ordering: its root tree and where its parents are in the list of parent ids.</summary>
internal readonly record struct ReachedCommit(GitOid Tree, int FirstParent, int ParentCount);

/// <summary>A commit of a full walk: its root tree, how many parents it has, and its first parent with that parent's root tree.</summary>
internal readonly record struct WalkedCommit(GitOid Commit, GitOid Tree, int ParentCount, GitOid FirstParent, GitOid FirstParentTree);
