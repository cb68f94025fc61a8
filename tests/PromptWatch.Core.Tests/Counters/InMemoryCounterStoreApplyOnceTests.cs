using Microsoft.Extensions.Time.Testing;
using PromptWatch.Counters;

namespace PromptWatch.Tests.Counters;

/// <summary>Increments applied at most once per marker, all together.</summary>
public sealed class InMemoryCounterStoreApplyOnceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_first_call_applies_every_increment_and_a_repeat_applies_nothing()
    {
        var store = new InMemoryCounterStore();
        CounterIncrement[] increments = [new("commits", 3), new("pushes"), new("commits", 2)];

        Assert.True(await store.ApplyOnceAsync("delivery:1", TimeSpan.FromHours(1), increments));
        Assert.False(await store.ApplyOnceAsync("delivery:1", TimeSpan.FromHours(1), increments));

        var values = await store.GetAsync(["commits", "pushes"]);
        Assert.Equal(5, values["commits"]);
        Assert.Equal(1, values["pushes"]);
    }

    [Fact]
    public async Task The_marker_expires_and_bucket_increments_keep_their_own_expiry()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryCounterStore(clock);

        Assert.True(await store.ApplyOnceAsync("m", TimeSpan.FromMinutes(10), [new("bucket", 1, TimeSpan.FromMinutes(5)), new("total")]));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await store.GetAsync(["bucket"]))["bucket"]);
        Assert.False(await store.ApplyOnceAsync("m", TimeSpan.FromMinutes(10), [new("total")]));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await store.ApplyOnceAsync("m", TimeSpan.FromMinutes(10), [new("total")]));
        Assert.Equal(2, (await store.GetAsync(["total"]))["total"]);
    }

    [Fact]
    public async Task Concurrent_calls_with_one_marker_apply_once()
    {
        var store = new InMemoryCounterStore();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
            await store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("events")]))));

        Assert.Single(outcomes, applied => applied);
        Assert.Equal(1, (await store.GetAsync(["events"]))["events"]);
    }
}
