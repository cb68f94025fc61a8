using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptWatch.Diagnostics;
using PromptWatch.Scanning;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Diagnostics;

/// <summary>The instruments of the PromptWatch meter while a scanner scans a real repository.</summary>
public sealed class ScanMetricsTests : IDisposable
{
    // A meter factory of the test's own: collectors scoped to it hear this test's meter only, not those of parallel tests.
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void A_full_scan_records_its_counts_and_duration()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var metrics = new PromptWatchMetrics(Factory);
        using var scans = Collect<long>("promptwatch.scans");
        using var commits = Collect<long>("promptwatch.scan.commits_walked");
        using var blobs = Collect<long>("promptwatch.scan.blobs_parsed");
        using var changes = Collect<long>("promptwatch.scan.changes");
        using var duration = Collect<double>("promptwatch.scan.duration");
        using var errors = Collect<long>("promptwatch.scan.errors");

        var scan = new HistoryScanner(metrics: metrics, timeProvider: new SteppingClock(TimeSpan.FromMilliseconds(2500))).Scan(repository, new ScanTarget("main", [ScanHistory.File]));

        var scanned = Assert.Single(scans.GetMeasurementSnapshot());
        Assert.Equal(1, scanned.Value);
        Assert.Equal("full", scanned.Tags["promptwatch.scan.kind"]);
        Assert.Equal(ScanHistory.Commits, commits.GetMeasurementSnapshot().Sum(static m => m.Value));
        Assert.True(blobs.GetMeasurementSnapshot().Sum(static m => m.Value) > 0);
        Assert.Equal(3, scan.Entries.Length);
        Assert.Equal(scan.Entries.Length, changes.GetMeasurementSnapshot().Sum(static m => m.Value));
        var took = Assert.Single(duration.GetMeasurementSnapshot());
        // The clock moves 2.5 s between the scan's start and its end: the histogram holds that, in seconds.
        Assert.Equal(2.5, took.Value);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), scan.Statistics.Duration);
        Assert.Equal("full", took.Tags["promptwatch.scan.kind"]);
        Assert.Empty(errors.GetMeasurementSnapshot());
    }

    [Fact]
    public void A_scan_of_a_missing_branch_counts_an_error_and_no_scan()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var metrics = new PromptWatchMetrics(Factory);
        using var scans = Collect<long>("promptwatch.scans");
        using var duration = Collect<double>("promptwatch.scan.duration");
        using var errors = Collect<long>("promptwatch.scan.errors");

        Assert.Throws<PromptWatchException>(() => new HistoryScanner(metrics: metrics).Scan(repository, new ScanTarget("no-such-branch", [ScanHistory.File])));

        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(1, error.Value);
        Assert.Equal(nameof(PromptWatchException), error.Tags["error.type"]);
        Assert.Empty(scans.GetMeasurementSnapshot());
        Assert.Empty(duration.GetMeasurementSnapshot());
    }

    [Fact]
    public void Unreadable_file_versions_are_counted_as_scan_errors_once_each()
    {
        using var repo = ScanHistory.Create();
        repo.WriteFile(ScanHistory.File.Path, "summarize:\n  model: [gpt-5\n");
        repo.Commit("Broken", GitSignature.At(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero)));
        using var repository = repo.Open();
        using var metrics = new PromptWatchMetrics(Factory);
        using var errors = Collect<long>("promptwatch.scan.errors");
        var scanner = new HistoryScanner(metrics: metrics);

        var scan = scanner.Scan(repository, new ScanTarget("main", [ScanHistory.File]));
        Assert.Single(scan.Entries, static e => e.Kind == PromptWatch.Model.ChangeKind.Error);
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(1, error.Value);
        Assert.Equal("unreadable_version", error.Tags["error.type"]);

        // Scanned again with nothing new, the same unreadable version is not counted again; a second broken one is.
        scanner.Scan(repository, new ScanTarget("main", [ScanHistory.File]), scan);
        Assert.Single(errors.GetMeasurementSnapshot());
        repo.WriteFile(ScanHistory.File.Path, "summarize:\n  model: {gpt-5\n");
        repo.Commit("Broken again", GitSignature.At(new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero)));
        using var reopened = repo.Open();
        scanner.Scan(reopened, new ScanTarget("main", [ScanHistory.File]), scan);
        Assert.Equal(2, errors.GetMeasurementSnapshot().Sum(static m => m.Value));
    }

    [Fact]
    public void An_unchanged_branch_scanned_again_records_nothing_more()
    {
        using var repo = ScanHistory.Create();
        using var repository = repo.Open();
        using var metrics = new PromptWatchMetrics(Factory);
        using var scans = Collect<long>("promptwatch.scans");
        var scanner = new HistoryScanner(metrics: metrics);
        var target = new ScanTarget("main", [ScanHistory.File]);
        var first = scanner.Scan(repository, target);

        var second = scanner.Scan(repository, target, first);

        Assert.Same(first, second);
        Assert.Single(scans.GetMeasurementSnapshot());
    }

    [Fact]
    public void The_meter_is_the_hosts_and_named_PromptWatch()
    {
        using var metrics = new PromptWatchMetrics(Factory);
        using var scans = Collect<long>("promptwatch.scans");

        Assert.NotNull(scans.Instrument);
        Assert.Equal(PromptWatchTelemetry.MeterName, scans.Instrument.Meter.Name);
        Assert.Same(Factory, scans.Instrument.Meter.Scope);
    }

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Factory, PromptWatchTelemetry.MeterName, instrument);
}
