using PromptWatch.Redis.Tests.Support;
using StackExchange.Redis;

namespace PromptWatch.Redis.Tests;

/// <summary>What the store leaves in Redis: prefixed keys, real TTLs (read with PTTL), and nothing half-applied.</summary>
public sealed class RedisKeysAndExpiryTests : IAsyncLifetime, IDisposable
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();
    private RedisCounterStore _store = null!;
    private ConnectionMultiplexer _raw = null!;

    private IDatabase Raw => _raw.GetDatabase();

    public async Task InitializeAsync()
    {
        _store = new RedisCounterStore(RedisTestServer.Options(_prefix));
        _raw = await RedisTestServer.ConnectRawAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _store.Dispose();
        _raw.Dispose();
    }

    [Fact]
    public async Task A_bucket_gets_its_lifetime_as_a_ttl_when_created_and_later_increments_do_not_extend_it()
    {
        await _store.IncrementAsync("bucket", 1, TimeSpan.FromMinutes(10));
        var first = await PttlAsync("bucket");
        Assert.InRange(first, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));

        await Task.Delay(50);
        await _store.IncrementAsync("bucket", 1, TimeSpan.FromMinutes(20));
        var second = await PttlAsync("bucket");

        Assert.True(second <= first - TimeSpan.FromMilliseconds(40), $"The TTL went from {first} to {second}: the second increment set it again.");
        Assert.Equal(2, (long)await Raw.StringGetAsync(_prefix + "bucket"));
    }

    [Fact]
    public async Task Counters_without_expiry_have_no_ttl_even_when_later_incremented_with_one()
    {
        await _store.IncrementAsync("total", 5);
        await _store.IncrementAsync("total", 1, TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromMilliseconds(-1), await PttlAsync("total"));
    }

    [Fact]
    public async Task Markers_and_apply_once_keys_carry_their_lifetimes()
    {
        Assert.True(await _store.TrySetMarkerAsync("marker", TimeSpan.FromMinutes(30)));
        Assert.True(await _store.ApplyOnceAsync("delivery", TimeSpan.FromDays(7), [new("hour-bucket", 1, TimeSpan.FromDays(90)), new("total", 2)]));

        Assert.InRange(await PttlAsync("marker"), TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.InRange(await PttlAsync("delivery"), TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        Assert.InRange(await PttlAsync("hour-bucket"), TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(90));
        Assert.Equal(TimeSpan.FromMilliseconds(-1), await PttlAsync("total"));
    }

    [Fact]
    public async Task Every_key_is_the_prefix_followed_by_the_name()
    {
        await _store.IncrementAsync("commits", 4);
        await _store.TrySetMarkerAsync("delivery:abc", TimeSpan.FromMinutes(1));

        Assert.Equal(_prefix + "commits", _store.KeyOf("commits"));
        Assert.Equal(4, (long)await Raw.StringGetAsync(_prefix + "commits"));
        Assert.True(await Raw.KeyExistsAsync(_prefix + "delivery:abc"));
        Assert.False(await Raw.KeyExistsAsync("commits"));
    }

    [Fact]
    public async Task Two_prefixes_on_one_server_keep_their_counters_and_markers_apart()
    {
        await using var other = new RedisCounterStore(RedisTestServer.Options());

        await _store.IncrementAsync("commits", 3);
        await other.IncrementAsync("commits", 10);
        Assert.True(await _store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("pushes")]));
        Assert.True(await other.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("pushes")]));
        await other.DeleteAsync(["pushes"]);

        Assert.Equal(3, (await _store.GetAsync(["commits"]))["commits"]);
        Assert.Equal(10, (await other.GetAsync(["commits"]))["commits"]);
        Assert.Equal(1, (await _store.GetAsync(["pushes"]))["pushes"]);
        Assert.Equal(0, (await other.GetAsync(["pushes"]))["pushes"]);
    }

    [Fact]
    public async Task Apply_once_applies_nothing_when_one_counter_cannot_be_incremented()
    {
        await _store.IncrementAsync("commits", 1);
        await Raw.StringSetAsync(_prefix + "not-a-number", "hello");

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () =>
            await _store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("commits", 5), new("new-counter"), new("not-a-number")]));

        Assert.Contains("not an integer", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await _store.GetAsync(["commits"]))["commits"]);
        Assert.False(await Raw.KeyExistsAsync(_prefix + "new-counter"));
        Assert.False(await Raw.KeyExistsAsync(_prefix + "delivery"));
        Assert.True(await _store.ApplyOnceAsync("delivery", TimeSpan.FromHours(1), [new("commits", 5)]));
        Assert.Equal(6, (await _store.GetAsync(["commits"]))["commits"]);
    }

    [Fact]
    public async Task Errors_the_server_answers_for_every_retry_are_permanent()
    {
        await Raw.StringSetAsync(_prefix + "not-a-number", "hello");
        await Raw.HashSetAsync(_prefix + "a-hash", "field", "1");

        var script = await Assert.ThrowsAsync<PromptWatchException>(async () =>
            await _store.ApplyOnceAsync("delivery", "attempt", TimeSpan.FromHours(1), [new("not-a-number")]));
        var wrongType = await Assert.ThrowsAsync<PromptWatchException>(async () => await _store.IncrementAsync("a-hash"));

        Assert.True(script.IsPermanent, script.Message);
        Assert.Contains("not an integer", script.Message, StringComparison.Ordinal);
        Assert.True(wrongType.IsPermanent, wrongType.Message);
        Assert.Contains("WRONGTYPE", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_holds_no_number_is_reported_with_its_name()
    {
        await Raw.StringSetAsync(_prefix + "foreign", "hello");

        var failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await _store.GetAsync(["foreign"]));

        Assert.Contains(_prefix + "foreign", failure.Message, StringComparison.Ordinal);
    }

    private async Task<TimeSpan> PttlAsync(string name)
    {
        var milliseconds = (long)await Raw.ExecuteAsync("PTTL", _prefix + name);
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
