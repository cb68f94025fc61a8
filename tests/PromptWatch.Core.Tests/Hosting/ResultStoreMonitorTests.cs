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

    private sealed class FlakyStore : IEvaluationResultStore
    {
        public bool Failing { get; set; }

        public string DisplayName => "flaky";

        public Task<EvaluationResultIndex> ListAsync(CancellationToken cancellationToken) =>
            Failing ? throw new PromptWatchException("down") : Task.FromResult(EvaluationResultIndex.Empty);

        public Task<Stream> OpenReadAsync(EvaluationResult result, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
