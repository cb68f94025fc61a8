using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Counters;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary>A counter store that fails (Redis down): deliveries are answered, kept, retried, and counted once after recovery.</summary>
public sealed class StoreFailureTests
{
    [Fact]
    public async Task Deliveries_wait_while_the_store_fails_and_are_counted_once_after_recovery()
    {
        var store = new FlakyCounterStore { Failing = true };
        await using var host = await GitHubHost.StartAsync(o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(200), s => s.AddSingleton<ICounterStore>(store));
        var deliveries = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var delivery in deliveries)
        {
            using var response = await host.PostAsync("push", Payloads.Push("main", "octo/app", (delivery, [], ["a"])), delivery);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // A redelivery while the first is still waiting.
        using (var again = await host.PostAsync("push", Payloads.Push("main", "octo/app", (deliveries[0], [], ["a"])), deliveries[0])) Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (store.Failures < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(store.Failures >= 3, "the processing service kept retrying");
        using (var health = await host.Client.GetAsync(new Uri("api/monitor/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var text = await health.Content.ReadAsStringAsync();
            Assert.Contains("\"store\":\"failing\"", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await host.ProcessedAsync());
        using (var unavailable = await host.Client.GetAsync(new Uri("api/monitor/counters", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.DoesNotContain("The store is down", await unavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        store.Failing = false;
        await host.WaitProcessedAsync(3);
        var counters = await host.CountersAsync();
        Assert.Equal(3, counters["pushes"]);
        Assert.Equal(3, counters["commits"]);
        using (var health = await host.Client.GetAsync(new Uri("api/monitor/health", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // Redelivered after recovery: acknowledged, not counted again.
        using (var late = await host.PostAsync("push", Payloads.Push("main", "octo/app", (deliveries[1], [], ["a"])), deliveries[1])) Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        await host.WaitProcessedAsync(4);
        Assert.Equal(3, (await host.CountersAsync())["pushes"]);
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_Retry_After_and_loses_nothing_it_accepted()
    {
        var store = new FlakyCounterStore { Failing = true };
        await using var host = await GitHubHost.StartAsync(o =>
        {
            o.QueueCapacity = 2;
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        }, s => s.AddSingleton<ICounterStore>(store));
        var accepted = 0;
        var refused = false;
        for (var i = 0; i < 10 && !refused; i++)
        {
            using var response = await host.PostAsync("push", Payloads.Push("main", "octo/app", ($"c{i}", [], ["a"])));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                refused = true;
            }
        }

        Assert.True(refused);
        Assert.InRange(accepted, 2, 3);
        store.Failing = false;
        await host.WaitProcessedAsync(accepted);
        Assert.Equal(accepted, (await host.CountersAsync())["pushes"]);
    }

    [Fact]
    public async Task The_queue_reports_what_waits_in_it_not_the_delivery_being_processed()
    {
        var store = new FlakyCounterStore { Failing = true };
        await using var host = await GitHubHost.StartAsync(o =>
        {
            o.QueueCapacity = 2;
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        }, s => s.AddSingleton<ICounterStore>(store));
        using (var first = await host.PostAsync("push", Payloads.Push("main", "octo/app", ("c0", [], ["a"])))) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (store.Failures < 1 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(store.Failures >= 1, "the processing service took the first delivery");

        // The first is being processed (and retried); two more fill the queue; the fourth is refused.
        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            using var response = await host.PostAsync("push", Payloads.Push("main", "octo/app", ($"c{i}", [], ["a"])));
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable], answers);
        using (var health = await host.Client.GetAsync(new Uri("api/monitor/health", UriKind.Relative)))
        {
            using var document = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal(2, document.RootElement.GetProperty("queued").GetInt32());
            Assert.Equal(2, document.RootElement.GetProperty("queue_capacity").GetInt32());
        }

        store.Failing = false;
        await host.WaitProcessedAsync(3);
        Assert.Equal(3, (await host.CountersAsync())["pushes"]);
    }

    [Fact]
    public async Task A_call_that_applied_but_timed_out_raises_its_alerts_on_the_retry_and_a_redelivery_raises_none()
    {
        var store = new TimingOutCounterStore();
        await using var host = await GitHubHost.StartAsync(o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(200), s => s.AddSingleton<ICounterStore>(store));
        var delivery = Guid.NewGuid().ToString();
        var push = Payloads.Push("main", "octo/app", ("c1", ["config/.env"], ["src/app.cs"]));
        using (var response = await host.PostAsync("push", push, delivery)) Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitProcessedAsync(1);

        Assert.Equal(2, store.ApplyCalls);
        var alerts = await AlertsAsync(host);
        var alert = Assert.Single(alerts);
        Assert.Equal(("sensitive_file", "critical", delivery), alert);
        Assert.Equal(1, (await host.CountersAsync())["pushes"]);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains("was counted before", StringComparison.Ordinal));

        // A real redelivery is another attempt: acknowledged, neither counted nor alerted again.
        using (var again = await host.PostAsync("push", push, delivery)) Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await host.WaitProcessedAsync(2);
        Assert.Single(await AlertsAsync(host));
        Assert.Equal(1, (await host.CountersAsync())["pushes"]);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("was counted before", StringComparison.Ordinal));
    }

    private static async Task<List<(string?, string?, string?)>> AlertsAsync(GitHubHost host)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("api/monitor/dashboard", UriKind.Relative)));
        return document.RootElement.GetProperty("alerts").EnumerateArray()
            .Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("severity").GetString(), a.GetProperty("delivery").GetString()))
            .ToList();
    }
}
