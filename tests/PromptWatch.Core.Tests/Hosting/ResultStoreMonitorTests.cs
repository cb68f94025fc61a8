using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Hosting;
using PromptWatch.Results;

namespace PromptWatch.Tests.Hosting;

public sealed class ResultStoreMonitorTests
{
    [Fact]
    public async Task Listings_back_off_after_failures_and_return_to_the_interval_after_a_success()
    {
        var store = new FlakyStore();
        var options = new PromptWatchOptions { ResultsRefreshInterval = TimeSpan.FromSeconds(60), ResultsMaxBackoff = TimeSpan.FromMinutes(5) };
        using var monitor = new ResultStoreMonitor(0, store, options, new FakeTimeProvider(DateTimeOffset.UnixEpoch), NullLogger.Instance);

        Assert.True(await monitor.RefreshAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(60), monitor.NextDelay);
        Assert.NotNull(monitor.Index);

        store.Failing = true;
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            Assert.False(await monitor.RefreshAsync(CancellationToken.None));
            delays.Add(monitor.NextDelay);
        }

        Assert.Equal([TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)], delays);
        Assert.Null(monitor.Index);
        Assert.False(monitor.Status.Known);
        Assert.Equal("down", monitor.Status.LastError);

        store.Failing = false;
        Assert.True(await monitor.RefreshAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(60), monitor.NextDelay);
        Assert.True(monitor.Status.Known);
        Assert.Equal(0, monitor.Status.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_store_with_its_own_interval_is_listed_on_it_and_backs_off_from_it()
    {
        var store = new FlakyStore { OwnInterval = TimeSpan.FromMinutes(10) };
        var options = new PromptWatchOptions { ResultsRefreshInterval = TimeSpan.FromSeconds(30), ResultsMaxBackoff = TimeSpan.FromMinutes(5) };
        using var monitor = new ResultStoreMonitor(0, store, options, new FakeTimeProvider(DateTimeOffset.UnixEpoch), NullLogger.Instance);

        Assert.True(await monitor.RefreshAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(10), monitor.NextDelay);

        // The host's limit is shorter than the store's interval: a failing store still waits its interval, never less.
        store.Failing = true;
        Assert.False(await monitor.RefreshAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(10), monitor.NextDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ResultsRefreshInterval);
    }

    [Fact]
    public async Task Stores_of_one_monitor_keep_their_own_intervals_and_the_others_use_the_hosts()
    {
        var options = new PromptWatchOptions { ResultsRefreshInterval = TimeSpan.FromSeconds(45) };
        using var metrics = new PromptWatch.Diagnostics.PromptWatchMetrics();
        using var monitor = new PromptWatchMonitor(
            Microsoft.Extensions.Options.Options.Create(options),
            [new FlakyStore(), new FlakyStore { OwnInterval = TimeSpan.FromMinutes(15) }],
            metrics);

        await monitor.RefreshResultsAsync();

        Assert.Equal([TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(15)], monitor.ResultStores.Select(static s => s.NextDelay));
    }

    [Fact]
    public void A_store_that_asks_for_less_than_a_second_is_refused_with_its_name()
    {
        var store = new FlakyStore { OwnInterval = TimeSpan.FromMilliseconds(100) };

        var failure = Assert.Throws<ArgumentException>(() => new ResultStoreMonitor(0, store, new PromptWatchOptions(), TimeProvider.System, NullLogger.Instance));

        Assert.Contains("flaky", failure.Message, StringComparison.Ordinal);
        Assert.Contains("at least one second", failure.Message, StringComparison.Ordinal);
    }

    private sealed class FlakyStore : IEvaluationResultStore
    {
        public bool Failing { get; set; }

        public TimeSpan? OwnInterval { get; init; }

        public string DisplayName => "flaky";

        public TimeSpan? RefreshInterval => OwnInterval;

        public Task<EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) =>
            Failing ? throw new PromptWatchException("down") : Task.FromResult(EvaluationResultIndex.Empty);

        public Task<Stream> OpenReadAsync(EvaluationResult result, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
