using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>Weekly windows, the weekly reset and hourly trend buckets, with a clock the test moves.</summary>
public sealed class WeeklyWindowTests
{
    // Sunday 22 November 2026, 23:30 UTC.
    private static readonly DateTimeOffset SundayNight = new(2026, 11, 22, 23, 30, 0, TimeSpan.Zero);

    // The host's only clock: the test moves it, and the host's timers (the hourly poll) fire as it does.
    private static async Task<(GitHubHost Host, FakeTimeProvider Clock)> StartAsync(string timeZone = "UTC")
    {
        var clock = new FakeTimeProvider(SundayNight);
        var host = await GitHubHost.StartAsync(o => o.TimeZone = timeZone, s => s.AddSingleton<TimeProvider>(clock));
        return (host, clock);
    }

    private static async Task PushAsync(GitHubHost host, long processed, int commits = 1)
    {
        var list = Enumerable.Range(0, commits).Select(i => (Guid.NewGuid().ToString("N"), Array.Empty<string>(), new[] { "a.txt" })).ToArray();
        using var response = await host.PostAsync("push", Payloads.Push("main", "octo/app", list));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitProcessedAsync(processed);
    }

    private static async Task<JsonElement> GetAsync(GitHubHost host, string path)
    {
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri(path, UriKind.Relative)));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Counters_start_again_on_Monday_at_midnight_UTC()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        await PushAsync(host, 1, commits: 2);
        var sunday = await GetAsync(host, "api/monitor/counters");
        Assert.Equal(2, sunday.GetProperty("counters").GetProperty("commits").GetInt64());
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), sunday.GetProperty("week_start").GetDateTimeOffset());

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(2, (await host.CountersAsync())["commits"]);
        clock.Advance(TimeSpan.FromMinutes(1));
        var monday = await GetAsync(host, "api/monitor/counters");
        Assert.Equal(0, monday.GetProperty("counters").GetProperty("commits").GetInt64());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), monday.GetProperty("week_start").GetDateTimeOffset());
        await PushAsync(host, 2);
        Assert.Equal(1, (await host.CountersAsync())["commits"]);
    }

    [Fact]
    public async Task The_week_follows_the_configured_time_zone()
    {
        // 23:30 UTC on Sunday is already 00:30 on Monday in Berlin (UTC+1 in November).
        var (host, _) = await StartAsync("Europe/Berlin");
        await using var _ = host;
        var counters = await GetAsync(host, "api/monitor/counters");
        Assert.Equal("Europe/Berlin", counters.GetProperty("time_zone").GetString());
        var weekStart = counters.GetProperty("week_start").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(1)), weekStart);
        Assert.Equal(TimeSpan.FromHours(1), weekStart.Offset);
    }

    [Fact]
    public async Task Reset_weekly_deletes_this_weeks_counters_but_not_the_trend()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        await PushAsync(host, 1);
        using (var reset = await host.Client.PostAsync(new Uri("api/monitor/reset-weekly", UriKind.Relative), null)) Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, (await host.CountersAsync())["commits"]);
        var trend = await GetAsync(host, "api/monitor/trend/commits?hours=1");
        Assert.Equal(1, trend.GetProperty("buckets")[0].GetProperty("count").GetInt64());
        await PushAsync(host, 2);
        Assert.Equal(1, (await host.CountersAsync())["commits"]);
    }

    [Fact]
    public async Task Trend_buckets_are_hourly_and_expire_after_90_days()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        await PushAsync(host, 1, commits: 3);   // 23:30 Sunday
        clock.Advance(TimeSpan.FromHours(2));   // 01:30 Monday
        await PushAsync(host, 2);
        var trend = await GetAsync(host, "api/monitor/trend/commits?hours=4");
        Assert.Equal("commits", trend.GetProperty("counter").GetString());
        var buckets = trend.GetProperty("buckets").EnumerateArray().Select(b => (b.GetProperty("start").GetDateTimeOffset(), b.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(
            [
                (new DateTimeOffset(2026, 11, 22, 22, 0, 0, TimeSpan.Zero), 0L),
                (new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), 3L),
                (new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), 0L),
                (new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), 1L),
            ],
            buckets);
        var pushes = await GetAsync(host, "api/monitor/trend/pushes?hours=24");
        Assert.Equal(24, pushes.GetProperty("buckets").GetArrayLength());
        Assert.Equal(2, pushes.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));

        // 89 days later the first bucket is still there; at 90 days it is gone by itself.
        clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(4, (await GetAsync(host, "api/monitor/trend/commits?hours=2160")).GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromHours(1));
        Assert.Equal(1, (await GetAsync(host, "api/monitor/trend/commits?hours=2160")).GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task Trend_validates_its_input()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        foreach (var (path, status) in new[]
        {
            ("api/monitor/trend/nope", HttpStatusCode.NotFound),
            ("api/monitor/trend/commits?hours=0", HttpStatusCode.BadRequest),
            ("api/monitor/trend/commits?hours=2161", HttpStatusCode.BadRequest),
            ("api/monitor/trend/commits?hours=abc", HttpStatusCode.BadRequest),
            ("api/monitor/trend/commits?hours=2160", HttpStatusCode.OK),
            ("api/monitor/trend/other", HttpStatusCode.OK),
        })
        {
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(status == response.StatusCode, $"{path}: {(int)response.StatusCode}");
        }
    }
}
