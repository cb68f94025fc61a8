using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromptWatch.Scanning.Native;

namespace PromptWatch.Hosting;

/// <summary>
/// Sets libgit2's process-wide memory bounds, then runs one refresh loop per watched repository for the lifetime of the
/// host. It takes the promotion lead-time and evaluation-coverage gauges so that they exist (and are observed) from the
/// start; nothing else needs them.
/// </summary>
internal sealed class PromptWatchMonitorService(PromptWatchMonitor monitor, IOptions<PromptWatchOptions> options, PromptWatch.Lifecycle.PromotionLeadTimeMetrics leadTimes, PromptWatch.Results.EvaluationCoverageMetrics coverage, TimeProvider timeProvider) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(leadTimes);
        GC.KeepAlive(coverage);
        Libgit2.ApplyMemoryLimits(options.Value.Git);
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => monitor.RunAsync(timeProvider, stoppingToken);
}
