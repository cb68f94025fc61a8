namespace PromptWatch.Hosting;

/// <summary>The refresh loops of one monitor: one per repository, one per result store, until cancelled.</summary>
internal static class PromptWatchMonitorLoops
{
    /// <summary>Runs every loop of <paramref name="monitor"/> until <paramref name="stoppingToken"/> fires.</summary>
    public static Task RunAsync(this PromptWatchMonitor monitor, TimeProvider timeProvider, CancellationToken stoppingToken) =>
        Task.WhenAll(monitor.Repositories.Select(r => RunAsync(monitor, r, timeProvider, stoppingToken)).Concat(monitor.ResultStores.Select(s => RunAsync(monitor, s, timeProvider, stoppingToken))));

    private static async Task RunAsync(PromptWatchMonitor monitor, ResultStoreMonitor store, TimeProvider timeProvider, CancellationToken stoppingToken)
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

    private static async Task RunAsync(PromptWatchMonitor monitor, RepositoryMonitor repository, TimeProvider timeProvider, CancellationToken stoppingToken)
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
