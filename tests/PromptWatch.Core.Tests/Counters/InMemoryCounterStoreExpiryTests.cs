using Microsoft.Extensions.Time.Testing;
using PromptWatch.Counters;

namespace PromptWatch.Tests.Counters;

/// <summary>Expiry of counters and markers, driven by a clock the test moves.</summary>
public sealed class InMemoryCounterStoreExpiryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_counter_disappears_expire_after_its_creation()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryCounterStore(clock);
        await store.IncrementAsync("bucket", 2, TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(5, await store.IncrementAsync("bucket", 3, TimeSpan.FromMinutes(1)));
        Assert.Equal(5, (await store.GetAsync(["bucket"]))["bucket"]);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await store.GetAsync(["bucket"]))["bucket"]);
    }

    [Fact]
    public async Task An_expired_counter_starts_again_from_zero_with_a_new_expiry()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryCounterStore(clock);
        await store.IncrementAsync("bucket", 10, TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, await store.IncrementAsync("bucket", 1, TimeSpan.FromMinutes(1)));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await store.GetAsync(["bucket"]))["bucket"]);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await store.GetAsync(["bucket"]))["bucket"]);
    }

    [Fact]
    public async Task A_counter_without_expiry_stays()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryCounterStore(clock);
        await store.IncrementAsync("total", 4);

        clock.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(4, (await store.GetAsync(["total"]))["total"]);
    }

    [Fact]
    public async Task A_marker_can_be_set_again_once_it_expires()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryCounterStore(clock);

        Assert.True(await store.TrySetMarkerAsync("delivery", TimeSpan.FromMinutes(10)));
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.False(await store.TrySetMarkerAsync("delivery", TimeSpan.FromMinutes(10)));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(await store.TrySetMarkerAsync("delivery", TimeSpan.FromMinutes(10)));
        Assert.False(await store.TrySetMarkerAsync("delivery", TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task Expired_items_nobody_reads_are_swept_while_others_are_written()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryCounterStore(clock);
        for (var i = 0; i < 100; i++) await store.IncrementAsync($"old-{i}", 1, TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(100, store.ItemCount);

        for (var i = 0; i < 2048; i++) await store.IncrementAsync($"new-{i % 8}", 1, TimeSpan.FromHours(1));

        Assert.Equal(8, store.ItemCount);
        var values = await store.GetAsync(["old-0", "new-0", "new-7"]);
        Assert.Equal(0, values["old-0"]);
        Assert.Equal(256, values["new-0"]);
        Assert.Equal(256, values["new-7"]);
    }
}
