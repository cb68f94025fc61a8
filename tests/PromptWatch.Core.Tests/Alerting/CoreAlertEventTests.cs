using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Hosting;

namespace PromptWatch.Tests.Alerting;

public sealed class CoreAlertEventTests
{
    [Fact]
    public async Task A_repository_that_keeps_failing_to_refresh_fires_the_default_rule()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"promptwatch-missing-{Guid.NewGuid():N}");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Repositories:0:Name"] = "prompts",
            ["PromptWatch:Repositories:0:Location"] = missing,
        });
        builder.Services.AddPromptWatch().AddAlerting();
        using var host = builder.Build();
        var engine = (AlertEngine)host.Services.GetRequiredService<IAlertManager>();
        engine.StartWorkers();
        var monitor = host.Services.GetRequiredService<PromptWatchMonitor>();

        for (var i = 0; i < 3; i++) Assert.False((await monitor.RefreshAsync()).Ok);

        var alerts = await Eventually.GetAsync(
            () => engine.GetAlertsAsync(new AlertQuery(Rule: "repository_refresh_failing")).AsTask(),
            a => a.Count == 1 && a[0].State == AlertState.Firing,
            "the refresh alert");
        Assert.Equal("prompts", alerts[0].Labels["repository"]);
        Assert.DoesNotContain(missing, alerts[0].Summary, StringComparison.Ordinal);
        await engine.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Core_works_without_alerting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PromptWatch:Repositories:0:Location"] = Path.GetTempPath() });
        builder.Services.AddPromptWatch();
        using var host = builder.Build();
        Assert.Null(host.Services.GetService<IAlertEventPublisher>());
        Assert.Null(host.Services.GetRequiredService<PromptWatchMonitor>().AlertEvents);
        await Task.CompletedTask;
    }
}
