using System.Globalization;
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
        Assert.Contains(expected, e => e.Kind == ChangeKind.Removed && e.Commit.Subject == "Delete test values");
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

    [Fact]
    public void Long_random_history_matches_git()
    {
        using var repo = RandomHistory.Create(seed: 20240601, commits: 1100, maxBackwardMinutes: 20);
        Assert.True(int.Parse(repo.Git("rev-list", "--count", "main"), CultureInfo.InvariantCulture) >= 1000);
        var expected = GitReference.Entries(repo, "main", Files);

        Assert.Contains(expected, e => e.Kind == ChangeKind.Error);
        Assert.Contains(expected, e => e.FilePath.StartsWith("deploy/", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Environment == "prod" && e.FilePath.EndsWith("values-test.yaml", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Kind == ChangeKind.Removed && e.Commit.Subject == "Delete test values");
        AssertScannerMatches(repo, expected);
    }

    [Fact]
    public void Long_random_history_walked_far_from_graph_order_matches_git()
    {
        // Dates jump back up to ten hours, so git walks branches and renames in a very different order than they were made.
        using var repo = RandomHistory.Create(seed: 7, commits: 1100, maxBackwardMinutes: 600);
        var expected = GitReference.Entries(repo, "main", Files);

        Assert.True(expected.Count > 500);
        AssertScannerMatches(repo, expected);
    }

    internal static void AssertScannerMatches(TestRepository repo, List<ChangeEntry> expected, string branch = "main")
    {
        using var repository = repo.Open();
        var scan = new HistoryScanner().Scan(repository, new ScanTarget(branch, Files));
        EntryComparison.AssertSame(expected, scan.Entries);
    }
}
