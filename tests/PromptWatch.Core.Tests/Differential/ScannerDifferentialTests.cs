using PromptWatch.Model;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>The scanner's entries must be exactly those computed from the git command line.</summary>
public sealed class ScannerDifferentialTests
{
    private static readonly WatchedFile[] Files = [new("chart/values-test.yaml", "test"), new("chart/values-prod.yaml", "prod")];

    [Fact]
    public void Hand_written_history_matches_git()
    {
        using var repo = ScenarioHistory.Create();
        var expected = GitReference.Entries(repo, "main", Files);

        Assert.Contains(expected, e => e.Kind == ChangeKind.Error);
        Assert.Contains(expected, e => e.Kind == ChangeKind.Removed);
        Assert.Contains(expected, e => e.FilePath.StartsWith("deploy/", StringComparison.Ordinal) && e.Environment == "prod");
        AssertScannerMatches(repo, expected);
    }

    [Fact]
    public void Follows_a_deleted_source_before_a_more_similar_kept_one_like_git()
    {
        using var repo = RenameSourceHistory.SimilarSources();
        var expected = GitReference.Entries(repo, "main", Files);

        Assert.Contains(expected, e => e.FilePath == "deploy/values-test.yaml");
        AssertScannerMatches(repo, expected);
    }

    [Fact]
    public void Follows_the_identical_source_git_picks()
    {
        using var repo = RenameSourceHistory.IdenticalSources();
        var expected = GitReference.Entries(repo, "main", Files);

        Assert.Contains(expected, e => e.FilePath == "archive/old.yaml");
        AssertScannerMatches(repo, expected);
    }

    internal static void AssertScannerMatches(TestRepository repo, List<ChangeEntry> expected, string branch = "main")
    {
        using var repository = repo.Open();
        var scan = new HistoryScanner().Scan(repository, new ScanTarget(branch, Files));
        EntryComparison.AssertSame(expected, scan.Entries);
    }
}
