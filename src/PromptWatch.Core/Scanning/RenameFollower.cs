using LibGit2Sharp;
using PromptWatch.Scanning.Native;

namespace PromptWatch.Scanning;

/// <summary>
/// Finds where a file that a commit adds came from, as <c>git log --follow</c> does (git's rename and
/// copy detection with copies searched among all files of the parent):
/// <list type="number">
/// <item>An identical file of the parent: the first in path order scoring best, one point for being
/// deleted by the commit (a rename) and one for having the same file name.</item>
/// <item>Otherwise a similar file scoring at least 50 %, among the four most similar (ties broken by
/// same file name, then path order): the most similar one the commit deletes, else the most similar one.</item>
/// </list>
/// Contents are compared only for blobs within the scanner's size cap (their sizes come from the object headers, so a
/// blob above it is never read): an added file above the cap has no similar source, a source above it is no candidate.
/// </summary>
internal static class RenameFollower
{
    /// <summary>Git's <c>NUM_CANDIDATE_PER_DST</c>: how many similar sources are kept per added file.</summary>
    private const int CandidateSlots = 4;

    /// <summary>How many identical sources git looks at before it picks one.</summary>
    private const int IdenticalLimit = 100;

    public static string? FindSource(Repository repository, NativeRepository native, long maxFileBytes, Commit commit, Commit parent, string destinationPath, ObjectId destinationId, Mode destinationMode)
    {
        var sources = new List<TreeEntry>();
        Collect(parent.Tree, sources);

        TreeEntry? exact = null;
        var exactScore = -1;
        var identicalLeft = IdenticalLimit;
        foreach (var source in sources)
        {
            if (source.Target.Id != destinationId) continue;
            if (!IsRegular(source.Mode) || !IsRegular(destinationMode))
            {
                if (source.Mode != destinationMode) continue;
            }

            var score = (IsDeleted(commit, source.Path) ? 1 : 0) + (GitSimilarity.BasenameSame(source.Path, destinationPath) ? 1 : 0);
            if (score > exactScore)
            {
                exact = source;
                exactScore = score;
                if (score == 2) break;
            }

            if (--identicalLeft == 0) break;
        }

        if (exact is not null) return Normalize(exact.Path);
        if (!IsRegular(destinationMode)) return null;

        var destinationSize = native.BlobSize(GitOid.From(destinationId));
        if (destinationSize == 0 || destinationSize > maxFileBytes) return null;
        var destinationBytes = Read(repository.Lookup<Blob>(destinationId));
        var slots = new Candidate[CandidateSlots];
        foreach (var source in sources)
        {
            if (!IsRegular(source.Mode)) continue;
            var size = native.BlobSize(GitOid.From(source.Target.Id));
            if (size > maxFileBytes || !GitSimilarity.SizesMayMatch(size, destinationSize, GitSimilarity.DefaultMinimumScore)) continue;
            var candidate = new Candidate(source, GitSimilarity.Score(Read((Blob)source.Target), destinationBytes), GitSimilarity.BasenameSame(source.Path, destinationPath) ? 1 : 0);
            RecordIfBetter(slots, candidate);
        }

        // Git sorts the kept candidates (stably) from best to worst, then takes the best rename, else the best copy.
        var ranked = slots.Where(static c => c.Source is not null && c.Score >= GitSimilarity.DefaultMinimumScore)
            .OrderBy(static c => c, Candidate.BestFirst)
            .ToList();
        var chosen = ranked.FirstOrDefault(c => IsDeleted(commit, c.Source!.Path)).Source ?? ranked.FirstOrDefault().Source;
        return chosen is null ? null : Normalize(chosen.Path);
    }

    /// <summary>Git's <c>record_if_better</c>: replaces the first worst slot when the candidate is strictly better.</summary>
    private static void RecordIfBetter(Candidate[] slots, Candidate candidate)
    {
        var worst = 0;
        for (var i = 1; i < slots.Length; i++)
        {
            if (Candidate.BestFirst.Compare(slots[i], slots[worst]) > 0) worst = i;
        }

        if (Candidate.BestFirst.Compare(slots[worst], candidate) > 0) slots[worst] = candidate;
    }

    /// <summary>Whether the commit no longer has a file at <paramref name="path"/>: the source was renamed, not copied.</summary>
    private static bool IsDeleted(Commit commit, string path) => commit.Tree[path] is not { TargetType: TreeEntryTargetType.Blob };

    /// <summary>A possible source and its similarity; an empty slot has no source and scores 0.</summary>
    private readonly record struct Candidate(TreeEntry? Source, int Score, int NameScore)
    {
        /// <summary>Git's <c>score_compare</c>: higher score first, then same file name first.</summary>
        public static readonly Comparer<Candidate> BestFirst = Comparer<Candidate>.Create(static (a, b) =>
            a.Score == b.Score ? b.NameScore.CompareTo(a.NameScore) : b.Score.CompareTo(a.Score));
    }

    private static void Collect(Tree tree, List<TreeEntry> into)
    {
        foreach (var entry in tree)
        {
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Blob:
                    into.Add(entry);
                    break;
                case TreeEntryTargetType.Tree:
                    Collect((Tree)entry.Target, into);
                    break;
            }
        }
    }

    private static bool IsRegular(Mode mode) => mode is Mode.NonExecutableFile or Mode.ExecutableFile or Mode.NonExecutableGroupWritableFile;

    private static byte[] Read(Blob blob)
    {
        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
