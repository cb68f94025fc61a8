using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptWatch.Counters;
using PromptWatch.Diagnostics;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>
/// A delivery the counter store fails permanently is dead-lettered after <c>MaxStoreAttempts</c>: the queue moves on,
/// and health, the metric and <c>GET dead-letters</c> report it until it is cleared.
/// </summary>
public sealed class DeadLetterTests
{
    private static byte[] Push(int i) => Payloads.Push("main", "octo/app", ($"{i:x40}", [], ["README.md"]));

    [Fact]
    public async Task A_delivery_failed_permanently_is_dead_lettered_after_MaxStoreAttempts_and_later_deliveries_are_counted()
    {
        var poisoned = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var store = new PoisonedCounterStore(poisoned);
        await using var host = await GitHubHost.StartAsync(
            o =>
            {
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
                o.MaxStoreAttempts = 3;
                o.DeadLetterCapacity = 2;
            },
            s => s.AddSingleton<ICounterStore>(store));
        using var deliveries = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PromptWatchTelemetry.MeterName, "promptwatch.github.deliveries");

        using (var first = await host.PostAsync("push", Push(1), poisoned[0])) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using (var healthy = await host.PostAsync("push", Push(2))) Assert.Equal(HttpStatusCode.Accepted, healthy.StatusCode);
        await host.WaitProcessedAsync(1);

        Assert.Equal(3, store.Failures);
        Assert.Equal(1, (await host.CountersAsync())["pushes"]);
        var letters = await DeadLettersAsync(host);
        Assert.Equal(1, letters.GetProperty("total").GetInt64());
        var letter = Assert.Single(letters.GetProperty("recent").EnumerateArray());
        Assert.Equal(poisoned[0], letter.GetProperty("delivery").GetString());
        Assert.Equal("push", letter.GetProperty("event").GetString());
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.Contains("CROSSSLOT", letter.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(deliveries.GetMeasurementSnapshot(), m => Equals(m.Tags["promptwatch.outcome"], "dead_lettered") && Equals(m.Tags["promptwatch.github.event"], "push"));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "promptwatch:github");
        var entry = report.Entries["promptwatch:github"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("dead-lettered", entry.Description, StringComparison.Ordinal);
        Assert.Equal(1L, entry.Data["dead_lettered"]);
        Assert.Contains(poisoned[0], Assert.Single((string[])entry.Data["dead_letters"]), StringComparison.Ordinal);
        Assert.Equal(1, await DeadLetteredInHealthAsync(host));

        // Two more: three in all, the most recent two kept.
        using (var second = await host.PostAsync("push", Push(3), poisoned[1])) Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        using (var third = await host.PostAsync("push", Push(4), poisoned[2])) Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        using (var last = await host.PostAsync("push", Push(5))) Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
        await host.WaitProcessedAsync(2);
        letters = await DeadLettersAsync(host);
        Assert.Equal(3, letters.GetProperty("total").GetInt64());
        Assert.Equal(poisoned[1..], letters.GetProperty("recent").EnumerateArray().Select(l => l.GetProperty("delivery").GetString()));
        Assert.Equal(2, (await host.CountersAsync())["pushes"]);

        // Once redelivered (by the user, from GitHub), they are cleared and health is back.
        using (var cleared = await host.Client.DeleteAsync(new Uri("api/monitor/dead-letters", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(0, (await DeadLettersAsync(host)).GetProperty("total").GetInt64());
        report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "promptwatch:github");
        Assert.Equal(HealthStatus.Healthy, report.Entries["promptwatch:github"].Status);
    }

    [Fact]
    public async Task A_failure_that_is_not_permanent_is_retried_past_MaxStoreAttempts_and_never_dead_lettered()
    {
        var poisoned = Guid.NewGuid().ToString();
        var store = new PoisonedCounterStore(poisoned) { Permanent = false };
        await using var host = await GitHubHost.StartAsync(o =>
        {
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            o.MaxStoreAttempts = 2;
        }, s => s.AddSingleton<ICounterStore>(store));
        using (var response = await host.PostAsync("push", Push(1), poisoned)) Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (store.Failures < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, "the delivery was not retried");
            await Task.Delay(20);
        }

        Assert.Equal(0, (await DeadLettersAsync(host)).GetProperty("total").GetInt64());
        Assert.Equal(0, await host.ProcessedAsync());
    }

    private static async Task<JsonElement> DeadLettersAsync(GitHubHost host)
    {
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/monitor/dead-letters", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    private static async Task<long> DeadLetteredInHealthAsync(GitHubHost host)
    {
        using var response = await host.Client.GetAsync(new Uri("api/monitor/health", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("dead_lettered").GetInt64();
    }
}
