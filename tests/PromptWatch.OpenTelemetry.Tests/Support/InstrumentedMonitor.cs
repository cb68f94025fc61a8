using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromptWatch.Hosting;

namespace PromptWatch.OpenTelemetry.Tests.Support;

/// <summary>
/// A PromptWatch monitor watching one location, with OpenTelemetry tracer and meter providers that export to memory
/// through <c>AddPromptWatchInstrumentation</c>.
/// </summary>
internal sealed class InstrumentedMonitor : IDisposable
{
    private readonly TracerProvider _tracerProvider;
    private readonly MeterProvider _meterProvider;
    private readonly ServiceProvider _services;

    public InstrumentedMonitor(string location, string cacheDirectory, string? username = null, string? password = null)
    {
        _tracerProvider = Sdk.CreateTracerProviderBuilder().AddPromptWatchInstrumentation().AddInMemoryExporter(Spans).Build();
        _meterProvider = Sdk.CreateMeterProviderBuilder().AddPromptWatchInstrumentation().AddInMemoryExporter(Metrics).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddPromptWatch(options =>
        {
            options.CacheDirectory = cacheDirectory;
            options.Repositories.Add(new WatchedRepositoryOptions { Name = "service", Location = location, Username = username, Password = password });
        });
        _services = services.BuildServiceProvider();
        Monitor = _services.GetRequiredService<PromptWatchMonitor>();
    }

    public PromptWatchMonitor Monitor { get; }

    public IServiceProvider Services => _services;

    public List<Activity> Spans { get; } = [];

    public List<Metric> Metrics { get; } = [];

    /// <summary>The spans ended so far.</summary>
    public IReadOnlyList<Activity> EndedSpans()
    {
        _tracerProvider.ForceFlush();
        return [.. Spans];
    }

    /// <summary>The points of <paramref name="name"/> collected now, with their tags.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, object?> Tags, MetricPoint Point)> Points(string name)
    {
        Metrics.Clear();
        _meterProvider.ForceFlush();
        var points = new List<(IReadOnlyDictionary<string, object?>, MetricPoint)>();
        foreach (var metric in Metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
                points.Add((tags, point));
            }
        }

        return points;
    }

    public void Dispose()
    {
        _services.Dispose();
        _tracerProvider.Dispose();
        _meterProvider.Dispose();
    }
}
