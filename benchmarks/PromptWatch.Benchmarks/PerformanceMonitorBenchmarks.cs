using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using PromptWatch.Diagnostics;
using PromptWatch.Diagnostics.Performance;

namespace PromptWatch.Benchmarks;

/// <summary>
/// What the performance monitor costs an operation: recording one sample (bucket lookup and histogram increment under
/// the operation's lock), and a whole activity of the PromptWatch source started and stopped with the monitor listening.
/// </summary>
[MemoryDiagnoser]
public class PerformanceMonitorBenchmarks
{
    private PerformanceMonitor _monitor = null!;
    private ActivitySource _source = null!;

    [GlobalSetup]
    public void Setup()
    {
        _monitor = new PerformanceMonitor(Options.Create(new PerformanceOptions()));
        _source = new ActivitySource(PromptWatchTelemetry.ActivitySourceName);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _source.Dispose();
        _monitor.Dispose();
    }

    /// <summary>One sample recorded directly.</summary>
    [Benchmark(Baseline = true)]
    public bool RecordSample() => _monitor.Record("scan", TimeSpan.FromMilliseconds(42), failed: false);

    /// <summary>One activity started and stopped, recorded by the listener.</summary>
    [Benchmark]
    public void RecordActivity()
    {
        using var activity = _source.StartActivity("promptwatch.fetch");
    }
}
