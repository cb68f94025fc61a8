using PromptWatch.Model;
using PromptWatch.Parsing;
using PromptWatch.Scanning;
using PromptWatch.Tests.Differential;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Scanning;

/// <summary>
/// A full scan reads and parses the versions it finds on a second thread while it walks; it must give exactly what the
/// sequential scan (walk first, then read) gives, and stop when cancelled.
/// </summary>
public sealed class ParallelScanTests
{
    private static readonly WatchedFile[] Files = [new("chart/values-test.yaml", "test"), new("chart/values-prod.yaml", "prod")];

    [Fact]
    public void A_history_with_merges_renames_deletes_and_errors_scans_the_same_in_parallel()
    {
        using var repo = RandomHistory.Create(seed: 20240601, commits: 1100, maxBackwardMinutes: 20);
        using var repository = repo.Open();

        var sequential = new HistoryScanner { ReadsInParallel = false }.Scan(repository, new ScanTarget("main", Files));
        var parallel = new HistoryScanner().Scan(repository, new ScanTarget("main", Files));

        Assert.Contains(sequential.Entries, e => e.Kind == ChangeKind.Error);
        Assert.Contains(sequential.Entries, e => e.Kind == ChangeKind.Removed);
        Assert.Contains(sequential.Entries, e => e.FilePath.StartsWith("deploy/", StringComparison.Ordinal));
        Assert.True(int.Parse(repo.Git("rev-list", "--merges", "--count", "main"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        AssertSameScan(sequential, parallel);
    }

    [Fact]
    public void A_history_walked_far_from_graph_order_scans_the_same_in_parallel()
    {
        using var repo = RandomHistory.Create(seed: 7, commits: 1100, maxBackwardMinutes: 600);
        using var repository = repo.Open();

        var sequential = new HistoryScanner { ReadsInParallel = false }.Scan(repository, new ScanTarget("main", Files));
        var parallel = new HistoryScanner().Scan(repository, new ScanTarget("main", Files));

        AssertSameScan(sequential, parallel);
    }

    [Fact]
    public void The_hand_written_history_scans_the_same_in_parallel_with_a_size_cap()
    {
        using var repo = ScenarioHistory.Create();
        using var repository = repo.Open();
        var options = new HistoryScannerOptions { MaxFileBytes = 160 };

        var sequential = new HistoryScanner(options) { ReadsInParallel = false }.Scan(repository, new ScanTarget("main", Files));
        var parallel = new HistoryScanner(options).Scan(repository, new ScanTarget("main", Files));

        Assert.Contains(sequential.Entries, e => e.Error?.Message.Contains("limit", StringComparison.Ordinal) == true);
        Assert.Contains(sequential.Entries, e => e.Kind == ChangeKind.Changed);
        AssertSameScan(sequential, parallel);
    }

    [Fact]
    public void A_scan_continued_from_a_parallel_one_gives_the_full_result()
    {
        using var repo = RandomHistory.Create(seed: 424242, commits: 1000, maxBackwardMinutes: 20);
        using var repository = repo.Open();
        var first = new HistoryScanner().Scan(repository, new ScanTarget("before-linear", Files));
        var continued = new HistoryScanner().Scan(repository, new ScanTarget("linear", Files), first);
        var sequential = new HistoryScanner { ReadsInParallel = false }.Scan(repository, new ScanTarget("linear", Files));

        Assert.True(continued.Statistics.Incremental, continued.Statistics.FullRescanReason);
        EntryComparison.AssertSame(sequential.Entries, continued.Entries, "sequential full scan", "incremental after a parallel scan");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cancelling_while_versions_are_parsed_stops_the_scan(bool parallel)
    {
        using var repo = RandomHistory.Create(seed: 20240601, commits: 1100, maxBackwardMinutes: 20);
        using var repository = repo.Open();
        using var cancellation = new CancellationTokenSource();
        var parsers = new ConfigParserSelector([new ConfigParserRegistration("**", new CancellingParser(cancellation))]);
        var scanner = new HistoryScanner(parsers: parsers) { ReadsInParallel = parallel };

        Assert.ThrowsAny<OperationCanceledException>(() => scanner.Scan(repository, new ScanTarget("main", Files), cancellationToken: cancellation.Token));

        // The reading thread is gone with its handle: the same repository scans again, to the end.
        var again = new HistoryScanner { ReadsInParallel = parallel }.Scan(repository, new ScanTarget("main", Files));
        Assert.NotEmpty(again.Entries);
    }

    [Fact]
    public void A_scan_cancelled_before_it_starts_throws()
    {
        using var repo = ScenarioHistory.Create();
        using var repository = repo.Open();

        Assert.ThrowsAny<OperationCanceledException>(() => new HistoryScanner().Scan(repository, new ScanTarget("main", Files), cancellationToken: new CancellationToken(canceled: true)));
    }

    private static void AssertSameScan(HistoryScan sequential, HistoryScan parallel)
    {
        EntryComparison.AssertSame(sequential.Entries, parallel.Entries, "sequential", "parallel");
        Assert.Equal(sequential.TipSha, parallel.TipSha);
        Assert.Equal(sequential.Statistics.CommitsWalked, parallel.Statistics.CommitsWalked);
        Assert.Equal(sequential.Statistics.FileVersions, parallel.Statistics.FileVersions);
        Assert.Equal(sequential.Statistics.BlobsParsed, parallel.Statistics.BlobsParsed);
        Assert.Equal(sequential.WatchedFiles.AsEnumerable(), parallel.WatchedFiles.AsEnumerable());
    }

    /// <summary>Parses as the Helm values parser does, and cancels the scan at the first version.</summary>
    private sealed class CancellingParser(CancellationTokenSource cancellation) : IConfigParser
    {
        private readonly HelmValuesParser _inner = new();

        public ParsedConfig Parse(ReadOnlySpan<byte> content)
        {
            cancellation.Cancel();
            return _inner.Parse(content);
        }
    }
}
