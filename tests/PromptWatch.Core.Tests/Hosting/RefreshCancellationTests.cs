using System.Diagnostics.Metrics;
using LibGit2Sharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Repositories;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Hosting;

/// <summary>A refresh that is cancelled mid-way is no failed scan: the status, the health and the failure metrics stay as they were.</summary>
public sealed class RefreshCancellationTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly TestRepository _repository = TestRepository.Create();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly HeldSources _sources = new();
    private readonly PromptWatchMetrics _metrics;
    private readonly MetricCollector<long> _refreshes;

    public RefreshCancellationTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new PromptWatchMetrics(factory);
        _refreshes = new MetricCollector<long>(factory, PromptWatchTelemetry.MeterName, "promptwatch.refreshes");
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_leaves_the_refresh_to_finish_and_publish()
    {
        Commit("gpt-4o-mini");
        using var monitor = CreateMonitor();
        Assert.True((await monitor.RefreshAsync()).Ok);
        Commit("gpt-4.1-mini");
        var hold = _sources.HoldNext();
        var version = monitor.Current.Version;
        using var caller = new CancellationTokenSource();

        var waiting = monitor.RefreshAsync(cancellationToken: caller.Token);
        await hold.Entered.WaitAsync(Bound);
        caller.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await AssertStillGoodAsync(monitor);
        Assert.Equal(version, monitor.Current.Version);

        var published = monitor.WaitForNextAsync(version, CancellationToken.None);
        hold.Release();
        var snapshot = await published.WaitAsync(Bound);
        Assert.Equal(2, snapshot.Timeline.Length);
        Assert.True(Assert.Single(snapshot.Repositories).LastRefreshOk);
        Assert.Equal(["success", "success"], Outcomes());

        Commit("o3-mini");
        var later = await monitor.RefreshAsync();
        Assert.True(later.Ok, string.Join(" ", later.Errors.Values));
        Assert.Equal(1, later.NewChanges);
    }

    [Fact]
    public async Task A_poll_stopped_mid_fetch_is_no_failure_even_when_the_fetch_reports_it_as_an_error()
    {
        Commit("gpt-4o-mini");
        using var monitor = CreateMonitor();
        Assert.True((await monitor.RefreshAsync()).Ok);
        var good = monitor.Current;
        var hold = _sources.HoldNext();
        using var stopping = new CancellationTokenSource();

        var loops = monitor.RunAsync(_time, stopping.Token);
        await hold.Entered.WaitAsync(Bound);
        stopping.Cancel();
        await loops.WaitAsync(Bound);

        await AssertStillGoodAsync(monitor);
        Assert.Equal(good.Timeline, monitor.Current.Timeline);

        Commit("gpt-4.1-mini");
        var later = await monitor.RefreshAsync();
        Assert.True(later.Ok, string.Join(" ", later.Errors.Values));
        Assert.Equal(1, later.NewChanges);
        Assert.Equal(["success", "success"], Outcomes());
    }

    private async Task AssertStillGoodAsync(PromptWatchMonitor monitor)
    {
        var status = Assert.Single(monitor.Current.Repositories);
        Assert.True(status.LastRefreshOk, status.LastError);
        Assert.Null(status.LastError);
        var check = new RepositoryHealthCheck(monitor, "repo", _time);
        var health = await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("x", check, null, null) });
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(["success"], Outcomes());
    }

    private string[] Outcomes() =>
        [.. _refreshes.GetMeasurementSnapshot().Select(static m => (string)m.Tags["promptwatch.outcome"]!)];

    private PromptWatchMonitor CreateMonitor()
    {
        var options = new PromptWatchOptions { PollInterval = TimeSpan.FromSeconds(30) };
        options.Repositories.Add(new WatchedRepositoryOptions { Name = "repo", Location = _repository.Path, FetchLocal = false });
        return new PromptWatchMonitor(Options.Create(options), [], _metrics, timeProvider: _time, repositorySources: _sources);
    }

    private void Commit(string model)
    {
        _repository.WriteFile("chart/values-test.yaml", $"summarize:\n  model: {model}\n  prompt: Summarize.\n");
        _repository.Commit($"summarize: {model}", GitSignature.At(Start));
    }

    public void Dispose()
    {
        _refreshes.Dispose();
        _metrics.Dispose();
        _services.Dispose();
        _repository.Dispose();
    }

    /// <summary>One update that waits until released, and, when cancelled first, fails the way libgit2 reports an aborted transfer.</summary>
    private sealed class Hold
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            try
            {
                await _released.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new UserCancelledException("The fetch was cancelled.");
            }
        }
    }

    /// <summary>Opens the repository as the default does; the update after <see cref="HoldNext"/> waits on its hold.</summary>
    private sealed class HeldSources : IRepositorySourceFactory
    {
        private Hold? _next;

        public Hold HoldNext() => _next = new Hold();

        public IRepositorySource Create(RepositorySourceOptions options) => new HeldSource(RepositorySource.Create(options), this);

        public Hold? Take() => Interlocked.Exchange(ref _next, null);

        private sealed class HeldSource(IRepositorySource inner, HeldSources owner) : IRepositorySource
        {
            public string DisplayName => inner.DisplayName;

            public async Task<RepositoryUpdate> UpdateAsync(CancellationToken cancellationToken)
            {
                if (owner.Take() is { } hold) await hold.WaitAsync(cancellationToken);
                return await inner.UpdateAsync(cancellationToken);
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
