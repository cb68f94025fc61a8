using System.Text;
using PromptWatch.Model;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Scanning;

/// <summary>
/// Following a rename compares file contents only within <see cref="HistoryScannerOptions.MaxFileBytes"/>: a similar
/// (not identical) file above the cap, added or deleted, is never read, so no rename is found through it.
/// </summary>
public sealed class RenameFollowerSizeCapTests
{
    private const string OldPath = "chart/values-old.yaml";
    private const string NewPath = "chart/values-test.yaml";
    private const int Cap = 500;
    private static readonly WatchedFile[] Files = [new(NewPath, "test")];
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_deleted_source_above_the_cap_is_not_a_rename_candidate()
    {
        using var repo = TestRepository.Create();
        var (small, large) = SimilarPair();
        CommitRename(repo, before: large, after: small);

        var followed = Scan(repo, maxFileBytes: 10_000);
        var capped = Scan(repo, maxFileBytes: Cap);

        // Without the cap the rename is followed: the old path's version comes first.
        Assert.Equal([$"{OldPath} Added", $"{NewPath} Changed"], followed.Select(e => $"{e.FilePath} {e.Kind}"));
        var entry = Assert.Single(capped);
        Assert.Equal(ChangeKind.Added, entry.Kind);
        Assert.Equal(NewPath, entry.FilePath);
        Assert.Equal("gpt-4o", entry.State!.Model);
    }

    [Fact]
    public void An_added_file_above_the_cap_follows_no_similar_source()
    {
        using var repo = TestRepository.Create();
        var (small, large) = SimilarPair();
        CommitRename(repo, before: small, after: large);

        var followed = Scan(repo, maxFileBytes: 10_000);
        var capped = Scan(repo, maxFileBytes: Cap);

        Assert.Equal([$"{OldPath} Added", $"{NewPath} Changed"], followed.Select(e => $"{e.FilePath} {e.Kind}"));
        var entry = Assert.Single(capped);
        Assert.Equal(ChangeKind.Error, entry.Kind);
        Assert.Equal(NewPath, entry.FilePath);
        Assert.Contains("above the limit", entry.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identical_file_above_the_cap_is_still_followed_by_its_id()
    {
        using var repo = TestRepository.Create();
        var (_, large) = SimilarPair();
        CommitRename(repo, before: large, after: large);

        var capped = Scan(repo, maxFileBytes: Cap);

        Assert.Equal([$"{OldPath} Error", $"{NewPath} Error"], capped.Select(e => $"{e.FilePath} {e.Kind}"));
    }

    /// <summary>Two versions with most lines in common (models gpt-4o and gpt-4.1), one below and one above the cap.</summary>
    private static (string Small, string Large) SimilarPair()
    {
        var small = new StringBuilder("summarize:\n  model: gpt-4o\n  prompt: Summarize.\n");
        for (var i = 0; i < 8; i++) small.Append("# kept note ").Append(i).Append(": the summary stays short and neutral\n");
        var large = new StringBuilder(small.ToString().Replace("gpt-4o", "gpt-4.1", StringComparison.Ordinal));
        for (var i = 0; i < 4; i++) large.Append("# added note ").Append(i).Append(": reviewed for the next release\n");
        Assert.InRange(Encoding.UTF8.GetByteCount(small.ToString()), 1, Cap);
        Assert.InRange(Encoding.UTF8.GetByteCount(large.ToString()), Cap + 1, 2 * Cap);
        return (small.ToString(), large.ToString());
    }

    private static void CommitRename(TestRepository repo, string before, string after)
    {
        repo.WriteFile(OldPath, before);
        repo.Commit("Add the old values", GitSignature.At(Start));
        repo.DeleteFile(OldPath);
        repo.WriteFile(NewPath, after);
        repo.Commit("Rename the values", GitSignature.At(Start.AddMinutes(1)));
    }

    private static List<ChangeEntry> Scan(TestRepository repo, long maxFileBytes)
    {
        using var repository = repo.Open();
        var options = new HistoryScannerOptions { MaxFileBytes = maxFileBytes };
        return [.. new HistoryScanner(options).Scan(repository, new ScanTarget("main", Files)).Entries];
    }
}
