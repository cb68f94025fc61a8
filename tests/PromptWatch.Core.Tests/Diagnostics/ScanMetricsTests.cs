using PromptWatch.Diagnostics;
using PromptWatch.Scanning;

namespace PromptWatch.Tests.Diagnostics;

/// <summary>The instruments of the PromptWatch meter while a scanner scans a real repository.</summary>
public sealed class ScanMetricsTests
{
    [Fact]
    public void A_full_scan_records_its_counts_and_duration()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var factory = new TestMeterFactory();
        using var metrics = new PromptWatchMetrics(factory);
        var meter = Assert.Single(factory.Meters);
        Assert.Equal(PromptWatchTelemetry.MeterName, meter.Name);
        using var recorder = new MeasurementRecorder(meter);

        var scan = new HistoryScanner(metrics: metrics).Scan(repository, new ScanTarget("main", [ScanHistory.File]));

        var scans = Assert.Single(recorder.Of("promptwatch.scans"));
        Assert.Equal(1, scans.Value);
        Assert.Equal("full", scans.Tags["promptwatch.scan.kind"]);
        Assert.Equal(ScanHistory.Commits, recorder.Sum("promptwatch.scan.commits_walked"));
        Assert.True(recorder.Sum("promptwatch.scan.blobs_parsed") > 0);
        Assert.Equal(3, scan.Entries.Length);
        Assert.Equal(scan.Entries.Length, recorder.Sum("promptwatch.scan.changes"));
        var duration = Assert.Single(recorder.Of("promptwatch.scan.duration"));
        Assert.True(duration.Value >= 0);
        Assert.Equal("full", duration.Tags["promptwatch.scan.kind"]);
        Assert.Empty(recorder.Of("promptwatch.scan.errors"));
    }

    [Fact]
    public void A_scan_of_a_missing_branch_counts_an_error_and_no_scan()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var factory = new TestMeterFactory();
        using var metrics = new PromptWatchMetrics(factory);
        using var recorder = new MeasurementRecorder(Assert.Single(factory.Meters));

        Assert.Throws<PromptWatchException>(() => new HistoryScanner(metrics: metrics).Scan(repository, new ScanTarget("no-such-branch", [ScanHistory.File])));

        var error = Assert.Single(recorder.Of("promptwatch.scan.errors"));
        Assert.Equal(1, error.Value);
        Assert.Equal(nameof(PromptWatchException), error.Tags["error.type"]);
        Assert.Empty(recorder.Of("promptwatch.scans"));
        Assert.Empty(recorder.Of("promptwatch.scan.duration"));
    }

    [Fact]
    public void An_unchanged_branch_scanned_again_records_nothing_more()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var factory = new TestMeterFactory();
        using var metrics = new PromptWatchMetrics(factory);
        using var recorder = new MeasurementRecorder(Assert.Single(factory.Meters));
        var scanner = new HistoryScanner(metrics: metrics);
        var target = new ScanTarget("main", [ScanHistory.File]);
        var first = scanner.Scan(repository, target);

        var second = scanner.Scan(repository, target, first);

        Assert.Same(first, second);
        Assert.Single(recorder.Of("promptwatch.scans"));
    }
}
