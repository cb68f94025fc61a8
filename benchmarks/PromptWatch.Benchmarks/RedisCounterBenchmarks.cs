using BenchmarkDotNet.Attributes;
using PromptWatch.Counters;
using PromptWatch.Redis;

namespace PromptWatch.Benchmarks;

/// <summary>
/// The Redis counter store against a local redis-server named by <c>PROMPTWATCH_TEST_REDIS</c> (host:port) and
/// <c>PROMPTWATCH_TEST_REDIS_PASSWORD</c>, as <c>scripts/redis-server.sh</c> writes them: one increment, and one
/// delivery applied once with three increments (two counters and an hourly bucket with a 90-day expiry), each one at a
/// time and with 64 in flight. Without the variables the benchmarks skip themselves and say so.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class RedisCounterBenchmarks
{
    private const int Concurrency = 64;
    private static readonly TimeSpan MarkerLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan BucketLifetime = TimeSpan.FromDays(90);
    private RedisCounterStore _store = null!;
    private long _deliveries;

    /// <summary>Why the benchmarks cannot run here, or <see langword="null"/> when a server is named.</summary>
    public static string? UnavailableReason => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_REDIS"))
        ? "Redis counter benchmarks skipped: PROMPTWATCH_TEST_REDIS (host:port) is not set; start a server with scripts/redis-server.sh start <folder> and export <folder>/env"
        : null;

    [GlobalSetup]
    public void Setup()
    {
        var password = Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_REDIS_PASSWORD");
        _store = new RedisCounterStore(new RedisCounterStoreOptions
        {
            Configuration = Environment.GetEnvironmentVariable("PROMPTWATCH_TEST_REDIS") + (string.IsNullOrEmpty(password) ? string.Empty : ",password=" + password),
            KeyPrefix = $"promptwatch-bench:{Guid.NewGuid():N}:",
        });
        // Connect, and load both scripts, before measuring.
        _store.IncrementAsync("warm-up", 1, TimeSpan.FromMinutes(1)).AsTask().GetAwaiter().GetResult();
        ApplyOnce().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>One INCRBY, waited for before the next.</summary>
    [Benchmark(Description = "Redis: IncrementAsync, one at a time")]
    public async Task<long> Increment() => await _store.IncrementAsync("commits");

    /// <summary>One apply-once script with three increments, waited for before the next.</summary>
    [Benchmark(Description = "Redis: ApplyOnceAsync with 3 increments, one at a time")]
    public async Task<bool> ApplyOnce() => await _store.ApplyOnceAsync(
        "delivery:" + Interlocked.Increment(ref _deliveries),
        MarkerLifetime,
        [new CounterIncrement("commits", 3), new CounterIncrement("pushes"), new CounterIncrement("trend:commits:2026-11-23T12", 3, BucketLifetime)]);

    /// <summary>64 increments in flight on the one connection.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency, Description = "Redis: IncrementAsync, 64 in flight")]
    public async Task IncrementConcurrently()
    {
        var calls = new Task<long>[Concurrency];
        for (var i = 0; i < Concurrency; i++) calls[i] = _store.IncrementAsync("commits").AsTask();
        await Task.WhenAll(calls);
    }

    /// <summary>64 deliveries applied at once on the one connection.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency, Description = "Redis: ApplyOnceAsync with 3 increments, 64 in flight")]
    public async Task ApplyOnceConcurrently()
    {
        var calls = new Task<bool>[Concurrency];
        for (var i = 0; i < Concurrency; i++) calls[i] = ApplyOnce();
        await Task.WhenAll(calls);
    }
}
