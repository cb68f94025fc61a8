using System.Diagnostics;
using PromptWatch.Scanning;

namespace PromptWatch.Tests.Diagnostics;

/// <summary>The activity a scan starts on the PromptWatch activity source.</summary>
public sealed class ScanTracesTests
{
    [Fact]
    public void A_scan_is_one_promptwatch_scan_activity_with_its_kind()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var recorder = new ActivityRecorder();

        var activities = recorder.Record(() => new HistoryScanner().Scan(repository, new ScanTarget("main", [ScanHistory.File])));

        var scan = Assert.Single(activities);
        Assert.Equal("promptwatch.scan", scan.OperationName);
        Assert.Equal("full", scan.GetTagItem("promptwatch.scan.kind"));
        Assert.Equal("main", scan.GetTagItem("promptwatch.branch"));
        Assert.Equal(ScanHistory.Commits, scan.GetTagItem("promptwatch.scan.commits_walked"));
        Assert.NotEqual(ActivityStatusCode.Error, scan.Status);
    }

    [Fact]
    public void A_failed_scan_activity_has_the_error_status()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var recorder = new ActivityRecorder();

        var activities = recorder.Record(() =>
            Assert.Throws<PromptWatchException>(() => new HistoryScanner().Scan(repository, new ScanTarget("no-such-branch", [ScanHistory.File]))));

        var scan = Assert.Single(activities);
        Assert.Equal("promptwatch.scan", scan.OperationName);
        Assert.Equal(ActivityStatusCode.Error, scan.Status);
        Assert.Contains("no-such-branch", scan.StatusDescription, StringComparison.Ordinal);
    }
}
