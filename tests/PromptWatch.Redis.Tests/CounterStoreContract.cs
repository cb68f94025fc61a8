using Microsoft.Extensions.Time.Testing;
using PromptWatch.Counters;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// What every <see cref="ICounterStore"/> does, run against the in-memory store (the reference) and the Redis store with
/// the same expectations. Expiry follows the store's clock: the in-memory store's is moved by the test (exact, whatever
/// the load); Redis's is real, so its lifetimes are long enough that a stalled machine does not cross them before the
/// test means to, and a wait before "has expired" can only be longer than asked, never shorter.
/// </summary>
public abstract class CounterStoreContract : IAsyncLifetime
{
    private ICounterStore? _store;

    /// <summary>The store under test, new for each test.</summary>
    protected ICounterStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Makes an empty store.</summary>
    protected abstract ICounterStore CreateStore();

    /// <summary>The lifetime the expiry tests give counters and markers.</summary>
    protected abstract TimeSpan Lifetime { get; }

    /// <summary>How much later than a lifetime's end the test looks for it to have ended (the server's clock is not the test's).</summary>
    protected abstract TimeSpan Margin { get; }

    /// <summary>Lets at least <paramref name="time"/> pass on the store's clock.</summary>
    protected abstract Task PassAsync(TimeSpan time);

    public Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    [Fact]
    public async Task Increments_add_positive_and_negative_deltas_and_return_the_new_value()
    {
        Assert.Equal(1, await Store.IncrementAsync("hits"));
        Assert.Equal(6, await Store.IncrementAsync("hits", 5));
        Assert.Equal(-4, await Store.IncrementAsync("hits", -10));
        Assert.Equal(-4, (await Store.GetAsync(["hits"]))["hits"]);
        Assert.Equal(-7, await Store.IncrementAsync("negative-from-the-start", -7));
    }

    [Fact]
    public async Task Missing_counters_read_zero_next_to_existing_ones_and_names_are_exact()
    {
        await Store.IncrementAsync("a", 3);
        await Store.IncrementAsync("A", 9);

        var values = await Store.GetAsync(["a", "missing", "A", "a "]);

        Assert.Equal(4, values.Count);
        Assert.Equal(3, values["a"]);
        Assert.Equal(0, values["missing"]);
        Assert.Equal(9, values["A"]);
        Assert.Equal(0, values["a "]);
        Assert.Empty(await Store.GetAsync([]));
    }

    [Fact]
    public async Task A_counter_expires_its_lifetime_after_creation_however_often_it_is_incremented()
    {
        // The second increment comes a tenth of the lifetime after the first: if the lifetime counted from it, the
        // bucket would still live when the first one's lifetime has passed.
        Assert.Equal(2, await Store.IncrementAsync("bucket", 2, Lifetime));
        await PassAsync(Lifetime / 10);
        Assert.Equal(5, await Store.IncrementAsync("bucket", 3, Lifetime));
        Assert.Equal(5, (await Store.GetAsync(["bucket"]))["bucket"]);

        await PassAsync(Lifetime - (Lifetime / 10) + Margin);

        Assert.Equal(0, (await Store.GetAsync(["bucket"]))["bucket"]);
        Assert.Equal(1, await Store.IncrementAsync("bucket", 1, Lifetime));
    }

    [Fact]
    public async Task A_counter_made_without_expiry_keeps_none_when_later_incremented_with_one()
    {
        await Store.IncrementAsync("total", 1);
        await Store.IncrementAsync("total", 1, Lifetime / 10);

        await PassAsync((Lifetime / 5) + Margin);

        Assert.Equal(2, (await Store.GetAsync(["total"]))["total"]);
    }

    [Fact]
    public async Task A_marker_is_set_by_the_first_caller_only_until_it_expires()
    {
        Assert.True(await Store.TrySetMarkerAsync("delivery-1", TimeSpan.FromHours(1)));
        Assert.False(await Store.TrySetMarkerAsync("delivery-1", TimeSpan.FromHours(1)));
        Assert.True(await Store.TrySetMarkerAsync("delivery-2", TimeSpan.FromHours(1)));

        Assert.True(await Store.TrySetMarkerAsync("short", Lifetime));
        Assert.False(await Store.TrySetMarkerAsync("short", Lifetime));
        await PassAsync(Lifetime + Margin);
        Assert.True(await Store.TrySetMarkerAsync("short", Lifetime));
    }

    [Fact]
    public async Task Concurrent_marker_attempts_let_exactly_one_caller_win()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await Store.TrySetMarkerAsync("once", TimeSpan.FromHours(1)))));

        Assert.Single(results, static won => won);
    }

    [Fact]
    public async Task Apply_once_applies_every_increment_the_first_time_and_nothing_after()
    {
        CounterIncrement[] increments = [new("commits", 3), new("pushes"), new("commits", 2), new("balance", -4)];

        Assert.True(await Store.ApplyOnceAsync("delivery:1", TimeSpan.FromHours(1), increments));
        Assert.False(await Store.ApplyOnceAsync("delivery:1", TimeSpan.FromHours(1), increments));
        Assert.True(await Store.ApplyOnceAsync("delivery:2", TimeSpan.FromHours(1), [new("pushes")]));
        Assert.True(await Store.ApplyOnceAsync("delivery:3", TimeSpan.FromHours(1), []));
        Assert.False(await Store.ApplyOnceAsync("delivery:3", TimeSpan.FromHours(1), [new("pushes")]));

        var values = await Store.GetAsync(["commits", "pushes", "balance"]);
        Assert.Equal(5, values["commits"]);
        Assert.Equal(2, values["pushes"]);
        Assert.Equal(-4, values["balance"]);
    }

    [Fact]
    public async Task Apply_once_with_an_attempt_id_tells_a_retry_of_the_same_attempt_from_another_attempt()
    {
        var hour = TimeSpan.FromHours(1);
        Assert.Equal(ApplyOnceOutcome.Applied, await Store.ApplyOnceAsync("delivery:1", "attempt-a", hour, [new("pushes"), new("commits", 2)]));
        Assert.Equal(ApplyOnceOutcome.AppliedBySameAttempt, await Store.ApplyOnceAsync("delivery:1", "attempt-a", hour, [new("pushes"), new("commits", 2)]));
        Assert.Equal(ApplyOnceOutcome.AlreadyApplied, await Store.ApplyOnceAsync("delivery:1", "attempt-b", hour, [new("pushes")]));
        Assert.Equal(ApplyOnceOutcome.AlreadyApplied, await Store.ApplyOnceAsync("delivery:1", "ATTEMPT-A", hour, [new("pushes")]));
        Assert.False(await Store.ApplyOnceAsync("delivery:1", hour, [new("pushes")]));

        // Markers set without an attempt id belong to no attempt, whatever the id.
        Assert.True(await Store.ApplyOnceAsync("delivery:2", hour, [new("pushes")]));
        Assert.Equal(ApplyOnceOutcome.AlreadyApplied, await Store.ApplyOnceAsync("delivery:2", "attempt-a", hour, [new("pushes")]));
        Assert.True(await Store.TrySetMarkerAsync("delivery:3", hour));
        Assert.Equal(ApplyOnceOutcome.AlreadyApplied, await Store.ApplyOnceAsync("delivery:3", "1", hour, [new("pushes")]));

        var values = await Store.GetAsync(["pushes", "commits"]);
        Assert.Equal(2, values["pushes"]);
        Assert.Equal(2, values["commits"]);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.ApplyOnceAsync("delivery:4", "", hour, [new("pushes")]));
    }

    [Fact]
    public async Task Sixty_four_concurrent_attempts_on_one_marker_apply_once_and_each_learns_it_was_not_theirs()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            await Store.ApplyOnceAsync("delivery", $"attempt-{i}", TimeSpan.FromHours(1), [new("events")]))));

        Assert.Single(outcomes, static o => o == ApplyOnceOutcome.Applied);
        Assert.Equal(63, outcomes.Count(static o => o == ApplyOnceOutcome.AlreadyApplied));
        Assert.Equal(1, (await Store.GetAsync(["events"]))["events"]);
    }

    [Fact]
    public async Task Apply_once_with_an_invalid_increment_applies_nothing_and_leaves_the_marker_unset()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () =>
            await Store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("commits", 2), new(null!, 1)]));

        Assert.Equal(0, (await Store.GetAsync(["commits"]))["commits"]);
        Assert.True(await Store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("commits", 2)]));
        Assert.Equal(2, (await Store.GetAsync(["commits"]))["commits"]);
    }

    [Fact]
    public async Task Apply_once_keeps_each_bucket_s_expiry_and_the_marker_s_own()
    {
        // The bucket lives a tenth of the marker's lifetime: it has expired at a fifth, when the marker is still set;
        // the marker has expired once its own lifetime has passed.
        Assert.True(await Store.ApplyOnceAsync("m", Lifetime, [new("bucket", 1, Lifetime / 10), new("total")]));

        await PassAsync((Lifetime / 5) + Margin);
        Assert.Equal(0, (await Store.GetAsync(["bucket"]))["bucket"]);
        Assert.False(await Store.ApplyOnceAsync("m", Lifetime, [new("total")]));

        await PassAsync(Lifetime - (Lifetime / 5));
        Assert.True(await Store.ApplyOnceAsync("m", Lifetime, [new("total")]));
        Assert.Equal(2, (await Store.GetAsync(["total"]))["total"]);
    }

    [Fact]
    public async Task Sixty_four_concurrent_calls_with_one_marker_apply_once()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
            await Store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("events"), new("commits", 3)]))));

        Assert.Single(outcomes, static applied => applied);
        var values = await Store.GetAsync(["events", "commits"]);
        Assert.Equal(1, values["events"]);
        Assert.Equal(3, values["commits"]);
    }

    [Fact]
    public async Task Concurrent_increments_from_many_tasks_sum_exactly()
    {
        const int Tasks = 16;
        const int PerTask = 100;

        var returned = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            var values = new List<long>(PerTask);
            for (var i = 0; i < PerTask; i++) values.Add(await Store.IncrementAsync("shared"));
            return values;
        })));

        Assert.Equal(Tasks * PerTask, (await Store.GetAsync(["shared"]))["shared"]);
        Assert.Equal(Enumerable.Range(1, Tasks * PerTask).Select(static v => (long)v), returned.SelectMany(static v => v).Order());
    }

    [Fact]
    public async Task Deleted_counters_read_zero_and_deleted_markers_can_be_set_again()
    {
        await Store.IncrementAsync("a", 3);
        await Store.IncrementAsync("b", 4);
        await Store.TrySetMarkerAsync("m", TimeSpan.FromHours(1));
        await Store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("c")]);

        await Store.DeleteAsync(["a", "m", "delivery", "never-existed"]);
        await Store.DeleteAsync([]);

        var values = await Store.GetAsync(["a", "b", "c"]);
        Assert.Equal(0, values["a"]);
        Assert.Equal(4, values["b"]);
        Assert.Equal(1, values["c"]);
        Assert.True(await Store.TrySetMarkerAsync("m", TimeSpan.FromHours(1)));
        Assert.True(await Store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("c")]));
        Assert.Equal(1, await Store.IncrementAsync("a"));
        Assert.Equal(2, (await Store.GetAsync(["c"]))["c"]);
    }

    [Fact]
    public async Task A_cancelled_call_throws_and_changes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.IncrementAsync("a", 1, null, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.ApplyOnceAsync("m", TimeSpan.FromHours(1), [new("a")], cancelled.Token));

        Assert.Equal(0, (await Store.GetAsync(["a"]))["a"]);
        Assert.True(await Store.TrySetMarkerAsync("m", TimeSpan.FromHours(1)));
    }
}

/// <summary>The contract against the in-memory store, the reference semantics.</summary>
public sealed class InMemoryCounterStoreContractTests : CounterStoreContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero));

    protected override TimeSpan Lifetime => TimeSpan.FromSeconds(5);

    protected override TimeSpan Margin => TimeSpan.Zero;

    protected override ICounterStore CreateStore() => new InMemoryCounterStore(_clock);

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

/// <summary>The contract against the Redis store on the real server, each test under a key prefix of its own.</summary>
public sealed class RedisCounterStoreContractTests : CounterStoreContract
{
    // A stall of up to eight seconds between two calls the test means to fall within a lifetime keeps them there.
    protected override TimeSpan Lifetime => TimeSpan.FromSeconds(10);

    protected override TimeSpan Margin => TimeSpan.FromMilliseconds(250);

    protected override ICounterStore CreateStore() => new RedisCounterStore(Support.RedisTestServer.Options());

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);
}
