using Microsoft.Extensions.Hosting;
using PromptWatch.Diagnostics.Snapshots;

namespace PromptWatch.Diagnostics.Performance;

/// <summary>Creates the performance monitor and the metric collector when the host starts, so they listen from then on.</summary>
internal sealed class PerformanceMonitorService(PerformanceMonitor monitor, MetricSnapshotCollector collector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(monitor);
        GC.KeepAlive(collector);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
