using PromptWatch.Counters;

namespace PromptWatch.Tests.Counters;

/// <summary>Counters and markers without expiry: increments, reads, deletes, set-once markers and concurrency.</summary>
public sealed class InMemoryCounterStoreTests
{
    [Fact]
    public async Task Increments_add_positive_and_negative_deltas_and_return_the_new_value()
    {
        var store = new InMemoryCounterStore();

        Assert.Equal(1, await store.IncrementAsync("hits"));
        Assert.Equal(6, await store.IncrementAsync("hits", 5));
        Assert.Equal(-4, await store.IncrementAsync("hits", -10));
        Assert.Equal(-4, (await store.GetAsync(["hits"]))["hits"]);
    }

    [Fact]
    public async Task Missing_counters_read_zero_next_to_existing_ones()
    {
        var store = new InMemoryCounterStore();
        await store.IncrementAsync("a", 3);

        var values = await store.GetAsync(["a", "missing"]);

        Assert.Equal(2, values.Count);
        Assert.Equal(3, values["a"]);
        Assert.Equal(0, values["missing"]);
    }

    [Fact]
    public async Task Counters_are_distinct_by_exact_name()
    {
        var store = new InMemoryCounterStore();
        await store.IncrementAsync("Hits", 2);
        await store.IncrementAsync("hits", 7);

        var values = await store.GetAsync(["Hits", "hits"]);

        Assert.Equal(2, values["Hits"]);
        Assert.Equal(7, values["hits"]);
    }

    [Fact]
    public async Task A_marker_is_set_by_the_first_caller_only()
    {
        var store = new InMemoryCounterStore();

        Assert.True(await store.TrySetMarkerAsync("delivery-1", TimeSpan.FromHours(1)));
        Assert.False(await store.TrySetMarkerAsync("delivery-1", TimeSpan.FromHours(1)));
        Assert.True(await store.TrySetMarkerAsync("delivery-2", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Deleted_counters_read_zero_and_deleted_markers_can_be_set_again()
    {
        var store = new InMemoryCounterStore();
        await store.IncrementAsync("a", 3);
        await store.IncrementAsync("b", 4);
        await store.TrySetMarkerAsync("m", TimeSpan.FromHours(1));

        await store.DeleteAsync(["a", "m", "never-existed"]);

        var values = await store.GetAsync(["a", "b"]);
        Assert.Equal(0, values["a"]);
        Assert.Equal(4, values["b"]);
        Assert.True(await store.TrySetMarkerAsync("m", TimeSpan.FromHours(1)));
        Assert.Equal(1, await store.IncrementAsync("a"));
    }

    [Fact]
    public async Task Concurrent_increments_from_many_tasks_sum_exactly()
    {
        const int Tasks = 16;
        const int PerTask = 500;
        var store = new InMemoryCounterStore();

        var returned = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            var values = new List<long>(PerTask);
            for (var i = 0; i < PerTask; i++) values.Add(await store.IncrementAsync("shared"));
            return values;
        })));

        Assert.Equal(Tasks * PerTask, (await store.GetAsync(["shared"]))["shared"]);
        Assert.Equal(Enumerable.Range(1, Tasks * PerTask).Select(static v => (long)v), returned.SelectMany(static v => v).Order());
    }

    [Fact]
    public async Task Concurrent_marker_attempts_let_exactly_one_caller_win()
    {
        var store = new InMemoryCounterStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await store.TrySetMarkerAsync("once", TimeSpan.FromHours(1)))));

        Assert.Single(results, static won => won);
    }
}
