using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Counters;
using PromptWatch.OpenTelemetry.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.OpenTelemetry.Tests;

/// <summary>The spans of counter-store calls and health checks.</summary>
public sealed class CoreSpanTests : IDisposable
{
    private readonly WatchedRepository _repository = new();
    private readonly TemporaryFolder _cache = new();

    [Fact]
    public async Task In_memory_counter_store_calls_are_promptwatch_counters_spans()
    {
        using var monitor = new InstrumentedMonitor(_repository.Path, _cache.Path);
        var store = new InMemoryCounterStore();

        await store.IncrementAsync("pushes");
        await store.GetAsync(["pushes"]);
        await store.ApplyOnceAsync("delivery:1", "attempt", TimeSpan.FromHours(1), [new CounterIncrement("pushes", 1, null)]);

        var spans = monitor.EndedSpans();
        Assert.Equal(["promptwatch.counters.increment", "promptwatch.counters.get", "promptwatch.counters.apply_once"], spans.Select(s => s.OperationName));
        Assert.All(spans, s => Assert.Equal("memory", s.GetTagItem("promptwatch.counters.store")));
    }

    [Fact]
    public async Task A_health_check_PromptWatch_registers_is_a_promptwatch_health_check_span_with_its_name()
    {
        using var monitor = new InstrumentedMonitor(_repository.Path, _cache.Path);
        var healthChecks = monitor.Services.GetRequiredService<HealthCheckService>();

        // Before any refresh the repository has no scan: the check fails.
        var before = await healthChecks.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, before.Entries["promptwatch:service"].Status);
        await monitor.Monitor.RefreshAsync();
        var after = await healthChecks.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, after.Entries["promptwatch:service"].Status);

        var checks = monitor.EndedSpans().Where(s => s.OperationName == "promptwatch.health_check").ToList();
        Assert.Equal(2, checks.Count);
        Assert.All(checks, s => Assert.Equal("promptwatch:service", s.GetTagItem("promptwatch.health_check.name")));
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, checks[0].Status);
        Assert.Equal("Unhealthy", checks[0].GetTagItem("promptwatch.health_check.status"));
        Assert.Equal("unhealthy", checks[0].GetTagItem("error.type"));
        Assert.NotEqual(System.Diagnostics.ActivityStatusCode.Error, checks[1].Status);
        Assert.Equal("Healthy", checks[1].GetTagItem("promptwatch.health_check.status"));
    }

    public void Dispose()
    {
        _repository.Dispose();
        _cache.Dispose();
    }
}
