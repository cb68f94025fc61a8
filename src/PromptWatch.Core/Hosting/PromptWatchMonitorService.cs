using Microsoft.Extensions.Hosting;

namespace PromptWatch.Hosting;

/// <summary>Runs one refresh loop per watched repository for the lifetime of the host.</summary>
internal sealed class PromptWatchMonitorService(PromptWatchMonitor monitor, TimeProvider timeProvider) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => monitor.RunAsync(timeProvider, stoppingToken);
}
