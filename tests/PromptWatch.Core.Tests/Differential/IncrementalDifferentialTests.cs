using LibGit2Sharp;
using PromptWatch.Model;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>A scan continued from an earlier result must give exactly what a full scan of the new tip gives.</summary>
public sealed class IncrementalDifferentialTests : IClassFixture<IncrementalDifferentialTests.History>
{
    private static readonly WatchedFile[] Files = [new("chart/values-test.yaml", "test"), new("chart/values-prod.yaml", "prod")];
    private readonly History _history;

    public IncrementalDifferentialTests(History history) => _history = history;

    [Fact]
    public void Linear_new_commits_are_scanned_incrementally()
    {
        var (incremental, full) = ScanFrom("before-linear", "linear");

        Assert.True(incremental.Statistics.Incremental, incremental.Statistics.FullRescanReason);
        Assert.Equal(5, incremental.Statistics.CommitsWalked);
        EntryComparison.AssertSame(full.Entries, incremental.Entries, "full scan", "incremental scan");
        EntryComparison.AssertSame(GitReference.Entries(_history.Repo, "linear", Files), incremental.Entries, "git", "incremental scan");
    }

    [Fact]
    public void A_force_push_rescans_fully()
    {
        var (incremental, full) = ScanFrom("rewritten", "linear");

        Assert.False(incremental.Statistics.Incremental);
        Assert.NotNull(incremental.Statistics.FullRescanReason);
        EntryComparison.AssertSame(full.Entries, incremental.Entries, "full scan", "rescan");
    }

    [Fact]
    public void Merging_an_old_side_branch_gives_the_full_result()
    {
        var (continued, full) = ScanFrom("linear", "main");

        EntryComparison.AssertSame(full.Entries, continued.Entries, "full scan", "continued scan");
        EntryComparison.AssertSame(GitReference.Entries(_history.Repo, "main", Files), continued.Entries, "git", "continued scan");
    }

    private (HistoryScan Continued, HistoryScan Full) ScanFrom(string oldBranch, string newBranch)
    {
        using var repository = _history.Repo.Open();
        var scanner = new HistoryScanner();
        var previous = scanner.Scan(repository, new ScanTarget(oldBranch, Files));
        var continued = scanner.Scan(repository, new ScanTarget(newBranch, Files), previous);
        var full = scanner.Scan(repository, new ScanTarget(newBranch, Files));
        Assert.False(full.Statistics.Incremental);
        Assert.NotEqual(previous.TipSha, continued.TipSha);
        return (continued, full);
    }

    /// <summary>One random history shared by the tests of this class.</summary>
    public sealed class History : IDisposable
    {
        public TestRepository Repo { get; } = RandomHistory.Create(seed: 424242, commits: 1000, maxBackwardMinutes: 20);

        public void Dispose() => Repo.Dispose();
    }
}
