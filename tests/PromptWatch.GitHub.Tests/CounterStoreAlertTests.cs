using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.Counters;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Tests.Support;

namespace PromptWatch.GitHub.Tests;

/// <summary><c>counter_store_failing</c>: published when a counter-store call fails, cleared once by the next success.</summary>
public sealed class CounterStoreAlertTests
{
    [Fact]
    public async Task A_failing_store_fires_the_default_rule_from_the_activity_endpoints_and_the_next_success_resolves_it()
    {
        var store = new FlakyCounterStore { Failing = true };
        await using var host = await GitHubHost.StartAsync(services: s => s.AddSingleton<ICounterStore>(store));
        var manager = host.Services.GetRequiredService<IAlertManager>();

        using (var unavailable = await host.Client.GetAsync(new Uri("api/monitor/counters", UriKind.Relative))) Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        var firing = Assert.Single(await AlertWait.ForAsync(manager, AlertState.Firing, "counter_store_failing", 1));
        Assert.Equal("flaky", firing.Labels["store"]);
        Assert.DoesNotContain("The store is down", firing.Summary, StringComparison.Ordinal);

        store.Failing = false;
        using (var ok = await host.Client.GetAsync(new Uri("api/monitor/counters", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var resolved = Assert.Single(await AlertWait.ForAsync(manager, AlertState.Resolved, "counter_store_failing", 1));
        Assert.Equal(AlertResolutionReason.Cleared, resolved.Resolution!.Reason);
    }

    [Fact]
    public void Every_failure_is_published_and_only_the_first_success_after_one_clears()
    {
        var publisher = new RecordingPublisher();
        var alerts = new CounterStoreAlerts(new InMemoryCounterStore(), TimeProvider.System, publisher);
        Assert.Equal("memory", alerts.Store);

        alerts.Succeeded();
        alerts.Failed();
        alerts.Failed();
        alerts.Succeeded();
        alerts.Succeeded();

        Assert.Equal([false, false, true], publisher.Events.Select(static e => e.Clears));
        Assert.All(publisher.Events, static e => Assert.Equal(AlertEventKinds.CounterStoreFailing, e.Kind));
        Assert.All(publisher.Events, static e => Assert.Equal("memory", Assert.Single(e.Labels, static l => l.Key == "store").Value));
    }

    [Fact]
    public void Without_a_publisher_nothing_is_published()
    {
        var alerts = new CounterStoreAlerts(new FlakyCounterStore(), TimeProvider.System, publisher: null);
        alerts.Failed();
        alerts.Succeeded();
        Assert.Equal("flaky", alerts.Store);
    }

    /// <summary>Keeps what is published, in order.</summary>
    private sealed class RecordingPublisher : IAlertEventPublisher
    {
        public List<AlertEvent> Events { get; } = [];

        public void Publish(AlertEvent alertEvent) => Events.Add(alertEvent);
    }
}
