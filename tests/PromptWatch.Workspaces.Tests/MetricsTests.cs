using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Tests.Support;
using PromptWatch.Workspaces.Tests.Support;

namespace PromptWatch.Workspaces.Tests;

/// <summary>Workspaces are counted on the PromptWatch meter, under the instrument names they always had.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Creations_evictions_and_workspaces_alive_are_counted_on_the_PromptWatch_meter()
    {
        using var cache = new TemporaryFolder();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddPromptWatch().AddWorkspaces(options =>
        {
            options.Enabled = true;
            // Nothing listens there: the first scans fail at once, which this test does not look at.
            options.GitRepoUrl = $"http://127.0.0.1:{LoopbackPort.Closed()}/{{cluster}}/{{user}}/canopy-be.git";
            options.AllowedClusters.Add("apps.test");
            options.DefaultCluster = "apps.test";
            options.CacheDirectory = cache.Path;
            options.PollInterval = TimeSpan.FromHours(1);
            options.MaxAlive = 1;
        });
        await using var provider = services.BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var created = new MetricCollector<long>(meterFactory, PromptWatchTelemetry.MeterName, "promptwatch.workspaces.created");
        using var alive = new MetricCollector<long>(meterFactory, PromptWatchTelemetry.MeterName, "promptwatch.workspaces.alive");
        using var evicted = new MetricCollector<long>(meterFactory, PromptWatchTelemetry.MeterName, "promptwatch.workspaces.evicted");
        var manager = provider.GetRequiredService<WorkspaceManager>();
        Assert.True(manager.TryValidate("user1", null, out var first));
        Assert.True(manager.TryValidate("user2", null, out var second));

        manager.GetOrCreate(first);
        // Only one may be alive: the second evicts the first.
        manager.GetOrCreate(second);
        await manager.DisposeAsync();

        Assert.Equal([1L, 1L], created.GetMeasurementSnapshot().Select(static m => m.Value));
        Assert.Equal([1L, -1L, 1L, -1L], alive.GetMeasurementSnapshot().Select(static m => m.Value));
        Assert.Equal(["capacity", "shutdown"], evicted.GetMeasurementSnapshot().Select(static m => m.Tags["promptwatch.reason"] as string));
        Assert.All(evicted.GetMeasurementSnapshot(), static m => Assert.Equal(1L, m.Value));
    }
}
