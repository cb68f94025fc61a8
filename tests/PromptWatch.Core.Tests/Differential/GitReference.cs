using System.Globalization;
using PromptWatch.Model;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>
/// Computes a branch's change entries with the git command line only: <c>git rev-list</c> for the walk
/// order, <c>git log --follow --name-status</c> per watched file for the versions and their paths,
/// <c>git cat-file</c> for their content, <c>git log</c> for commit metadata, and
/// <see cref="ReferenceValuesReader"/> (YamlDotNet's representation model) for the values.
/// </summary>
internal static class GitReference
{
    private const int FirstFewBytes = 8000;

    public static List<ChangeEntry> Entries(TestRepository repository, string branch, IReadOnlyList<WatchedFile> files, long maxFileBytes = 1024 * 1024)
    {
        var catalog = new CommitCatalog(repository, branch);
        var versions = new List<(int Rank, int File, FollowLogEntry Entry)>();
        for (var file = 0; file < files.Count; file++)
        {
            var log = FollowLog.Parse(repository.Git("log", "--follow", "--format=%H", "--name-status", branch, "--", files[file].Path));
            var previousRank = int.MaxValue;
            foreach (var entry in log)
            {
                var rank = catalog.AgeRank(entry.Sha);
                if (rank >= previousRank) throw new InvalidOperationException("git log --follow did not list commits in git rev-list order.");
                previousRank = rank;
                versions.Add((rank, file, entry));
            }
        }

        versions.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.File.CompareTo(b.File));
        var contents = BlobReader.Read(repository, versions.Where(v => v.Entry.Status != 'D').Select(v => (v.Entry.Sha, v.Entry.Path)));

        var tracker = new ReferenceTracker();
        foreach (var (_, file, entry) in versions)
        {
            (List<KeyValuePair<string, UseCaseState>> UseCases, ConfigError? Error)? parsed = null;
            if (entry.Status != 'D')
            {
                var bytes = contents[(entry.Sha, entry.Path)];
                parsed = bytes.Length > maxFileBytes
                    ? ([], new ConfigError(string.Create(CultureInfo.CurrentCulture, $"the file is {bytes.Length:N0} bytes, above the limit of {maxFileBytes:N0} bytes; not read")))
                    : bytes.AsSpan(0, Math.Min(bytes.Length, FirstFewBytes)).Contains((byte)0) ? ([], new ConfigError("the file is binary, not a configuration file; skipped"))
                    : ReferenceValuesReader.Read(bytes);
            }

            tracker.Apply(file, files[file], catalog.Info(entry.Sha), entry.Path, parsed?.UseCases, parsed?.Error);
        }

        return tracker.Entries();
    }
}
