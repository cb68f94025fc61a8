using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptWatch.Redis.Tests.Support;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// The Redis store's calls as spans (<c>promptwatch.counters.&lt;operation&gt;</c>) and as <c>redis</c> dependency calls;
/// refused credentials count in <c>promptwatch.dependency.auth_failures</c>.
/// </summary>
public sealed class RedisTelemetryTests : IDisposable
{
    private static readonly ActivitySource TestSource = new("PromptWatch.Redis.Tests");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public RedisTelemetryTests()
    {
        // Only this test's spans are looked at: those under the test's own root span (other tests run at the same time).
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name is "PromptWatch" or "PromptWatch.Redis.Tests",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_spans) _spans.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task A_call_is_a_counters_span_and_a_successful_redis_dependency_call()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, "PromptWatch", "promptwatch.dependency.duration");
        await using var store = new RedisCounterStore(RedisTestServer.Options(RedisTestServer.UniquePrefix()), meterFactory: meters);

        using (var root = TestSource.StartActivity("test")) await store.IncrementAsync("commits");

        var span = Assert.Single(Spans(), s => s.OperationName == "promptwatch.counters.increment" && Equals(s.GetTagItem("promptwatch.counters.store"), "redis"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        var call = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("redis", call.Tags["promptwatch.dependency"]);
        Assert.Equal("success", call.Tags["promptwatch.outcome"]);
    }

    [Fact]
    public async Task A_wrong_password_is_an_auth_failure_and_a_failed_span()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var authFailures = new MetricCollector<long>(meters, "PromptWatch", "promptwatch.dependency.auth_failures");
        using var durations = new MetricCollector<double>(meters, "PromptWatch", "promptwatch.dependency.duration");
        var options = RedisTestServer.Options();
        options.Configuration = $"{RedisTestServer.Endpoint},password=wrong-password-8d2e";
        options.ConnectTimeout = TimeSpan.FromSeconds(5);
        await using var store = new RedisCounterStore(options, meterFactory: meters);

        PromptWatchException failure;
        using (var root = TestSource.StartActivity("test")) failure = await Assert.ThrowsAsync<PromptWatchException>(async () => await store.GetAsync(["commits"]));

        // Said first, with the refusal's own words: a failure taken for another kind (a refused connection, a time-out) is not counted below.
        Assert.True(authFailures.GetMeasurementSnapshot().Count == 1, $"not counted as refused credentials: {failure.Message}");
        var refused = Assert.Single(authFailures.GetMeasurementSnapshot());
        Assert.Equal("redis", refused.Tags["promptwatch.dependency"]);
        var call = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("failure", call.Tags["promptwatch.outcome"]);
        Assert.NotNull(call.Tags["error.type"]);
        var span = Assert.Single(Spans(), s => s.OperationName == "promptwatch.counters.get" && Equals(s.GetTagItem("promptwatch.counters.store"), "redis"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.DoesNotContain("wrong-password-8d2e", span.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(call.Tags["error.type"], span.GetTagItem("error.type"));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    /// <summary>The PromptWatch spans under the test's root span.</summary>
    private List<Activity> Spans()
    {
        lock (_spans)
        {
            var roots = _spans.Where(static s => s.Source == TestSource).Select(static s => s.TraceId).ToHashSet();
            return [.. _spans.Where(s => s.Source != TestSource && roots.Contains(s.TraceId))];
        }
    }
}
