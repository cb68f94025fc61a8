using Microsoft.Extensions.Hosting;

namespace PromptWatch.Hosting;

/// <summary>Runs one refresh loop per watched repository for the lifetime of the host.</summary>
internal sealed class PromptWatchMonitorService(PromptWatchMonitor monitor, TimeProvider timeProvider) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(monitor.Repositories.Select(r => RunAsync(r, stoppingToken)).Concat(monitor.ResultStores.Select(s => RunAsync(s, stoppingToken))));

    private async Task RunAsync(ResultStoreMonitor store, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.RefreshResultStoreAndPublishAsync(store, stoppingToken).ConfigureAwait(false);
                await Task.Delay(store.NextDelay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunAsync(RepositoryMonitor repository, CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first fetch.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.RefreshAndPublishAsync(repository, stoppingToken).ConfigureAwait(false);
                await Task.Delay(repository.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
