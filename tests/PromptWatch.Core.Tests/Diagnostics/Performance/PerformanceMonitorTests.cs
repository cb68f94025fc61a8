using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Diagnostics;
using PromptWatch.Diagnostics.Performance;

namespace PromptWatch.Tests.Diagnostics.Performance;

/// <summary>The performance monitor's windows, percentiles, memory bound, baselines and reset, on a fake clock.</summary>
public sealed class PerformanceMonitorTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly PerformanceOptions _options = new();
    private readonly PerformanceMonitor _monitor;

    public PerformanceMonitorTests() => _monitor = new PerformanceMonitor(Options.Create(_options), _clock);

    [Fact]
    public void Percentiles_match_an_exact_computation_within_the_bucket_error()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 5000).Select(_ => Math.Exp(random.NextDouble() * 10)).ToArray();
        foreach (var sample in samples) _monitor.Record("test.scan", TimeSpan.FromMilliseconds(sample), failed: false);

        var scan = Of("test.scan");
        var sorted = samples.Order().ToArray();
        Assert.Equal(5000, scan.Count);
        Assert.Equal(samples.Average(), scan.MeanMilliseconds, tolerance: 0.001);
        AssertWithin(Exact(sorted, 0.50), scan.P50Milliseconds);
        AssertWithin(Exact(sorted, 0.95), scan.P95Milliseconds);
        AssertWithin(Exact(sorted, 0.99), scan.P99Milliseconds);
    }

    [Fact]
    public void Success_rate_counts_the_failed_samples()
    {
        for (var i = 0; i < 8; i++) _monitor.Record("test.fetch", TimeSpan.FromMilliseconds(10), failed: i < 2);

        Assert.Equal(0.75, Of("test.fetch").SuccessRate, 10);
    }

    [Fact]
    public void The_last_hour_slides_while_the_24_hours_keep_the_older_samples()
    {
        _monitor.Record("test.scan", TimeSpan.FromMilliseconds(100), failed: false);
        _clock.Advance(TimeSpan.FromMinutes(59));
        _monitor.Record("test.scan", TimeSpan.FromMilliseconds(100), failed: false);
        Assert.Equal(2, Of("test.scan", 1).Count);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, Of("test.scan", 1).Count);
        Assert.Equal(2, Of("test.scan", 24).Count);

        _clock.Advance(TimeSpan.FromHours(25));
        Assert.Null(Find("test.scan", 1));
        Assert.Null(Find("test.scan", 24));
    }

    [Fact]
    public void Many_samples_and_operations_keep_the_bucket_count_fixed()
    {
        _options.MaxOperations = 10;
        for (var i = 0; i < 20_000; i++)
        {
            _monitor.Record("op" + (i % 50), TimeSpan.FromMilliseconds(i % 997), failed: false);
            if (i % 100 == 0) _clock.Advance(TimeSpan.FromMinutes(7));
        }

        // The cap holds whichever operations came first (an activity of a test running alongside may be one of them).
        var (operations, buckets) = _monitor.Size();
        Assert.Equal(10, operations);
        Assert.Equal(10 * (OperationWindows.MinuteBuckets + OperationWindows.HourBuckets), buckets);
        Assert.True(_monitor.GetOperations(24).Count(static o => o.Operation.StartsWith("op", StringComparison.Ordinal)) >= 9);
    }

    [Fact]
    public void A_configured_baseline_flags_a_last_hour_p95_above_it_times_the_factor()
    {
        _options.Baselines["test.scan"] = 100;
        for (var i = 0; i < 100; i++) _monitor.Record("test.scan", TimeSpan.FromMilliseconds(140), failed: false);
        var calm = Of("test.scan");
        Assert.Equal(100, calm.BaselineP95Milliseconds);
        Assert.Equal("configured", calm.BaselineSource);
        Assert.False(calm.SlowerThanBaseline);

        for (var i = 0; i < 100; i++) _monitor.Record("test.scan", TimeSpan.FromMilliseconds(400), failed: false);
        Assert.True(Of("test.scan").SlowerThanBaseline);
    }

    [Fact]
    public void Without_configuration_the_baseline_is_learned_from_the_first_24_hours()
    {
        for (var hour = 0; hour < 24; hour++)
        {
            for (var i = 0; i < 20; i++) _monitor.Record("test.fetch", TimeSpan.FromMilliseconds(50), failed: false);
            _clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Null(Of("test.fetch", 24).BaselineP95Milliseconds);
        _monitor.Record("test.fetch", TimeSpan.FromMilliseconds(50), failed: false);
        var learned = Of("test.fetch");
        Assert.Equal("learned", learned.BaselineSource);
        AssertWithin(50, learned.BaselineP95Milliseconds!.Value);
        Assert.False(learned.SlowerThanBaseline);

        for (var i = 0; i < 50; i++) _monitor.Record("test.fetch", TimeSpan.FromMilliseconds(200), failed: false);
        Assert.True(Of("test.fetch").SlowerThanBaseline);
    }

    [Fact]
    public void Reset_clears_the_windows()
    {
        _monitor.Record("test.scan", TimeSpan.FromMilliseconds(5), failed: false);
        _monitor.Reset();

        Assert.Null(Find("test.scan", 24));
    }

    [Fact]
    public void A_stopped_activity_is_recorded_under_its_operation_and_an_error_counts_as_failure()
    {
        using var source = new ActivitySource(PromptWatchTelemetry.ActivitySourceName);
        using (var fetch = source.StartActivity("promptwatch.test.fetch")) fetch!.SetStatus(ActivityStatusCode.Error);
        using (var check = source.StartActivity("promptwatch.health_check")) check!.SetTag("promptwatch.health_check.name", "test-check");
        using (var tagged = source.StartActivity("promptwatch.counters.apply")) tagged!.SetTag("promptwatch.operation", "test.counters.apply_once");

        var operations = _monitor.GetOperations().ToDictionary(static o => o.Operation);
        Assert.Equal(0, operations["test.fetch"].SuccessRate);
        Assert.Equal(1, operations["health_check:test-check"].SuccessRate);
        Assert.True(operations.ContainsKey("test.counters.apply_once"));
    }

    [Fact]
    public void After_dispose_activities_are_no_longer_recorded()
    {
        _monitor.Dispose();
        using var source = new ActivitySource(PromptWatchTelemetry.ActivitySourceName);
        source.StartActivity("promptwatch.test.disposed")?.Dispose();

        Assert.DoesNotContain(_monitor.GetOperations(), static o => o.Operation == "test.disposed");
    }

    public void Dispose() => _monitor.Dispose();

    private OperationPerformance? Find(string operation, int hours = 1) => _monitor.GetOperations(hours).SingleOrDefault(o => o.Operation == operation);

    private OperationPerformance Of(string operation, int hours = 1) => Find(operation, hours) ?? throw new Xunit.Sdk.XunitException(operation + " has no samples.");

    private static double Exact(double[] sorted, double fraction) => sorted[(int)Math.Ceiling(fraction * sorted.Length) - 1];

    private static void AssertWithin(double expected, double actual) =>
        Assert.InRange(actual, expected / Math.Sqrt(LogHistogram.Growth), expected * Math.Sqrt(LogHistogram.Growth));
}
