namespace PromptWatch.Hosting;

/// <summary>
/// The refresh loops of one monitor: one per repository, one per result store, until cancelled. The hosted service of
/// <c>AddPromptWatch()</c> runs them for the host's monitor; an integration that builds monitors of its own runs theirs.
/// </summary>
public static class PromptWatchMonitorLoops
{
    /// <summary>
    /// Runs every loop of <paramref name="monitor"/> until <paramref name="stoppingToken"/> fires: each repository is
    /// fetched and rescanned on its poll interval, each result store listed on its refresh interval (with back-off after failures).
    /// </summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="timeProvider">The clock the intervals are waited on.</param>
    /// <param name="stoppingToken">Ends the loops.</param>
    /// <returns>Completes when every loop has ended.</returns>
    public static Task RunAsync(this PromptWatchMonitor monitor, TimeProvider timeProvider, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Task.WhenAll(monitor.Repositories.Select(r => RunAsync(monitor, r, timeProvider, stoppingToken)).Concat(monitor.ResultStores.Select(s => RunAsync(monitor, s, timeProvider, stoppingToken))));
    }

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
