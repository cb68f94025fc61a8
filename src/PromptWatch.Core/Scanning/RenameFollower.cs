using LibGit2Sharp;

namespace PromptWatch.Scanning;

/// <summary>
/// Finds where a file that a commit adds came from, as <c>git log --follow</c> does: an identical
/// file of the parent tree first (preferring one with the same name), otherwise the most similar file
/// (renamed or copied, unmodified sources included) scoring at least 50 %.
/// </summary>
internal static class RenameFollower
{
    public static string? FindSource(Repository repository, Commit parent, string destinationPath, ObjectId destinationId, Mode destinationMode)
    {
        var sources = new List<TreeEntry>();
        Collect(parent.Tree, sources);

        TreeEntry? exact = null;
        foreach (var source in sources)
        {
            if (source.Target.Id != destinationId) continue;
            if (!IsRegular(source.Mode) || !IsRegular(destinationMode))
            {
                if (source.Mode != destinationMode) continue;
            }

            if (GitSimilarity.BasenameSame(source.Path, destinationPath)) return Normalize(source.Path);
            exact ??= source;
        }

        if (exact is not null) return Normalize(exact.Path);
        if (!IsRegular(destinationMode)) return null;

        var destination = repository.Lookup<Blob>(destinationId);
        var destinationBytes = Read(destination);
        string? best = null;
        var bestScore = 0;
        var bestNameScore = 0;
        foreach (var source in sources)
        {
            if (!IsRegular(source.Mode)) continue;
            var blob = (Blob)source.Target;
            if (!GitSimilarity.SizesMayMatch(blob.Size, destination.Size, GitSimilarity.DefaultMinimumScore)) continue;
            var score = GitSimilarity.Score(Read(blob), destinationBytes);
            var nameScore = GitSimilarity.BasenameSame(source.Path, destinationPath) ? 1 : 0;
            if (score > bestScore || (score == bestScore && nameScore > bestNameScore))
            {
                best = source.Path;
                bestScore = score;
                bestNameScore = nameScore;
            }
        }

        return bestScore >= GitSimilarity.DefaultMinimumScore ? Normalize(best!) : null;
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
