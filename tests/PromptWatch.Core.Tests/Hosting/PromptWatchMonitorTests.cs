using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Hosting;

public sealed class PromptWatchMonitorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TestRepository _repository = TestRepository.Create();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly PromptWatchMetrics _metrics = new();

    [Fact]
    public async Task A_failed_refresh_keeps_the_last_good_snapshot_and_makes_health_unhealthy()
    {
        Commit("summarize", "gpt-4o-mini");
        using var monitor = CreateMonitor();
        var check = new RepositoryHealthCheck(monitor, "repo", _time);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(check)).Status);

        var first = await monitor.RefreshAsync();
        Assert.True(first.Ok);
        Assert.Equal(1, first.NewChanges);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
        var good = monitor.Current;

        var moved = _repository.Path + "-gone";
        Directory.Move(_repository.Path, moved);
        try
        {
            var failed = await monitor.RefreshAsync();
            Assert.False(failed.Ok);
            Assert.Contains("no longer exists", failed.Errors["repo"], StringComparison.Ordinal);
            Assert.Equal(good.Timeline, monitor.Current.Timeline);
            Assert.Equal(good.TimelineVersion, monitor.Current.TimelineVersion);
            var unhealthy = await CheckAsync(check);
            Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
            Assert.Contains("no longer exists", unhealthy.Description, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Move(moved, _repository.Path);
        }

        Commit("summarize", "gpt-4.1-mini");
        var again = await monitor.RefreshAsync();
        Assert.True(again.Ok);
        Assert.Equal(1, again.NewChanges);
        Assert.Equal(2, monitor.Current.Timeline.Length);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
    }

    [Fact]
    public async Task Health_degrades_when_the_last_success_is_older_than_the_stale_limit()
    {
        Commit("summarize", "gpt-4o-mini");
        using var monitor = CreateMonitor();
        await monitor.RefreshAsync();
        var check = new RepositoryHealthCheck(monitor, "repo", _time);

        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(check)).Status);
    }

    [Fact]
    public async Task Waiting_for_news_returns_when_a_refresh_publishes()
    {
        Commit("summarize", "gpt-4o-mini");
        using var monitor = CreateMonitor();
        var version = monitor.Current.Version;
        var waiting = monitor.WaitForNextAsync(version, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await monitor.RefreshAsync();
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(next.Version > version);
        Assert.Single(next.Timeline);
        Assert.Equal("repo", next.Timeline[0].Repository);
    }

    [Fact]
    public async Task A_poll_that_finds_nothing_keeps_the_published_timeline_and_its_version()
    {
        Commit("summarize", "gpt-4o-mini");
        using var monitor = CreateMonitor();
        await monitor.RefreshAsync();
        var first = monitor.Current;

        await monitor.RefreshAsync();
        var second = monitor.Current;

        Assert.True(second.Version > first.Version);
        Assert.Equal(first.TimelineVersion, second.TimelineVersion);
        Assert.True(first.Timeline == second.Timeline, "An unchanged timeline was published anew.");
    }

    [Fact]
    public async Task Several_repositories_merge_into_one_timeline_newest_first_with_their_names()
    {
        using var other = TestRepository.Create();
        Commit("summarize", "gpt-4o-mini", Start);
        other.WriteFile("chart/values-prod.yaml", "classify:\n  model: llama\n  prompt: Classify.\n");
        other.Commit("classify: add", GitSignature.At(Start.AddHours(1)));
        Commit("summarize", "gpt-4.1-mini", Start.AddHours(2));
        var options = new PromptWatchOptions();
        options.Repositories.Add(new WatchedRepositoryOptions { Name = "first", Location = _repository.Path, FetchLocal = false });
        options.Repositories.Add(new WatchedRepositoryOptions { Name = "second", Location = other.Path, FetchLocal = false });
        using var monitor = new PromptWatchMonitor(Options.Create(options), [], _metrics, timeProvider: _time);

        var result = await monitor.RefreshAsync();

        Assert.True(result.Ok);
        Assert.Equal(3, result.NewChanges);
        Assert.Equal(
            [("first", "gpt-4.1-mini"), ("second", "llama"), ("first", "gpt-4o-mini")],
            monitor.Current.Timeline.Select(static e => (e.Repository, e.Change.State!.Model)));
        Assert.Equal(["first", "second"], monitor.Current.Repositories.Select(static r => r.Name));
    }

    [Fact]
    public async Task Refreshing_an_unknown_repository_is_refused()
    {
        using var monitor = CreateMonitor();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => monitor.RefreshAsync("other"));
    }

    private PromptWatchMonitor CreateMonitor()
    {
        var options = new PromptWatchOptions { PollInterval = TimeSpan.FromSeconds(30) };
        options.Repositories.Add(new WatchedRepositoryOptions { Name = "repo", Location = _repository.Path, FetchLocal = false });
        return new PromptWatchMonitor(Options.Create(options), [], _metrics, timeProvider: _time);
    }

    private void Commit(string useCase, string model, DateTimeOffset? when = null)
    {
        _repository.WriteFile("chart/values-test.yaml", $"{useCase}:\n  model: {model}\n  prompt: Summarize.\n");
        _repository.Commit($"{useCase}: {model}", GitSignature.At(when ?? Start));
    }

    private static Task<HealthCheckResult> CheckAsync(RepositoryHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("x", check, null, null) });

    public void Dispose()
    {
        _metrics.Dispose();
        _repository.Dispose();
    }
}
