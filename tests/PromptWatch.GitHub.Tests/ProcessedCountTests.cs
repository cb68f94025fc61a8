using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>
/// A delivery counts as processed (the <c>processed</c> of the health endpoint, what callers wait for) only once it is
/// done with: its alerts are listed, and a redelivery of it is queued again rather than taken for one still waiting.
/// </summary>
public sealed class ProcessedCountTests
{
    [Fact]
    public async Task A_delivery_counts_as_processed_only_once_its_alerts_are_raised_and_it_left_the_queue()
    {
        // The processing thread stalls for a second when it logs the delivery's counts (event 4002, at the end of
        // processing), as a busy machine's thread may stall anywhere.
        var stall = new StallingLoggerProvider(4002, TimeSpan.FromSeconds(1));
        await using var host = await GitHubHost.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(stall));
        var delivery = Guid.NewGuid().ToString();
        var push = Payloads.Push("main", "octo/app", ("c1", ["deploy/prod.key"], []));
        using (var first = await host.PostAsync("push", push, delivery)) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        await host.WaitProcessedAsync(1);
        Assert.True(stall.Stalled);
        using (var dashboard = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/monitor/dashboard", UriKind.Relative))))
        {
            Assert.Contains(dashboard.RootElement.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("delivery").GetString() == delivery);
        }

        // Redelivered as soon as it counts as processed: queued, processed, and not counted again.
        using (var again = await host.PostAsync("push", push, delivery)) Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await host.WaitProcessedAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await host.CountersAsync())["pushes"]);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Level == LogLevel.Information && r.Message.Contains($"delivery {delivery} was counted before", StringComparison.Ordinal));
    }
}
