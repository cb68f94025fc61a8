using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PromptWatch.Alerting;
using PromptWatch.Hosting;
using PromptWatch.Notifications;
using PromptWatch.Notifications.Tests.Support;
using PromptWatch.Redis.Tests.Support;
using PromptWatch.Tests.Alerting;

namespace PromptWatch.Redis.Tests;

/// <summary>
/// Two hosts with the alerting engine, the Redis alert store on one real Redis and the webhook channel to one receiver:
/// whatever both see (the same event, a metric both read over its threshold) is one alert, the same on both, and each
/// of its notifications arrives once.
/// </summary>
public sealed class TwoAlertingHostsTests : IAsyncLifetime, IDisposable
{
    private const string Webhook = "webhook";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Both hosts run in this process, so both engines read this instrument; the run's own attribute keeps other tests out.
    private readonly Meter _meter = new("PromptWatch.Tests.TwoAlertingHosts");
    private readonly string _run = Guid.NewGuid().ToString("N");
    private readonly string _prefix = RedisTestServer.UniquePrefix();
    private LoopbackReceiver _receiver = null!;
    private IHost _first = null!;
    private IHost _second = null!;
    private readonly List<(string Kind, string AlertId)> _received = [];
    private double _workspaces;

    private IAlertManager First => _first.Services.GetRequiredService<IAlertManager>();

    private IAlertManager Second => _second.Services.GetRequiredService<IAlertManager>();

    public async Task InitializeAsync()
    {
        _meter.CreateObservableGauge("promptwatch.workspaces.alive", () => new Measurement<double>(Volatile.Read(ref _workspaces), new KeyValuePair<string, object?>("e2e.run", _run)));
        _receiver = await LoopbackReceiver.StartAsync();
        _first = await StartHostAsync();
        _second = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _first, _second })
        {
            if (host is null) continue;
            await host.StopAsync();
            host.Dispose();
        }

        if (_receiver is not null) await _receiver.DisposeAsync();
    }

    public void Dispose() => _meter.Dispose();

    [Fact]
    public async Task The_same_event_on_both_hosts_is_one_alert_and_one_notification()
    {
        await First.SaveRuleAsync(new AlertRule { Name = "deploy-failed", Severity = AlertSeverity.Error, Channels = [Webhook], Event = new EventCondition { Kind = AlertEventKinds.DeploymentFailure } });
        // A rule on the log channel only: its alerts show that an engine has matched what was published before them.
        await First.SaveRuleAsync(new AlertRule { Name = "marker", Severity = AlertSeverity.Info, Channels = ["log"], Event = new EventCondition { Kind = AlertEventKinds.ScanErrors } });

        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["repository"] = "service", ["environment"] = "prod" };
        var delivery = new AlertEvent(AlertEventKinds.DeploymentFailure, labels, "deploy of service to prod failed", DateTimeOffset.UtcNow) { OccurrenceId = "delivery-1" };
        _first.Services.GetRequiredService<IAlertEventPublisher>().Publish(delivery);
        _second.Services.GetRequiredService<IAlertEventPublisher>().Publish(delivery);
        foreach (var (host, name) in new[] { (_first, "first"), (_second, "second") })
        {
            host.Services.GetRequiredService<IAlertEventPublisher>().Publish(new AlertEvent(AlertEventKinds.ScanErrors, new Dictionary<string, string> { ["host"] = name }, "marker", DateTimeOffset.UtcNow));
        }

        await WaitUntilAsync("both engines matched the event", async () => (await First.GetAlertsAsync(new AlertQuery(Rule: "marker"))).Count == 2);
        var alert = Assert.Single(await First.GetAlertsAsync(new AlertQuery(Rule: "deploy-failed")));
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(1, alert.Breaches);
        Structural.Equal(alert, await Second.GetAlertAsync(alert.Id), "the alert on the second host");

        var firing = await NotificationsAsync(1);
        Assert.Equal(("firing", alert.Id), firing[0]);
        await AssertNoMoreNotificationsAsync(1);
        Assert.Equal([AlertState.Firing], await TransitionsAsync(alert.Id));
    }

    [Fact]
    public async Task A_metric_both_hosts_read_over_its_threshold_notifies_once_on_firing_and_once_on_resolve()
    {
        Volatile.Write(ref _workspaces, 10);
        await First.SaveRuleAsync(new AlertRule
        {
            Name = "workspaces-high",
            Channels = [Webhook],
            Metric = new MetricCondition { Instrument = "promptwatch.workspaces.alive", Filter = new Dictionary<string, string> { ["e2e.run"] = _run }, Comparison = AlertComparison.Gt, Threshold = 5 },
        });

        var firing = await NotificationsAsync(1);
        Assert.Equal("firing", firing[0].Kind);
        var id = firing[0].AlertId;
        await WaitUntilAsync("both hosts show the alert firing", async () => (await First.GetAlertAsync(id))?.State == AlertState.Firing && (await Second.GetAlertAsync(id))?.State == AlertState.Firing);
        Assert.Single(await Second.GetAlertsAsync(new AlertQuery(Rule: "workspaces-high")));
        await AssertNoMoreNotificationsAsync(1);

        // Acknowledged on the first host, seen so on the second, and kept while both engines go on breaching it.
        Assert.NotNull(await First.AcknowledgeAsync(id, "alice", "on it"));
        await AssertTicksAsync();
        foreach (var manager in new[] { First, Second })
        {
            var acknowledged = (await manager.GetAlertAsync(id))!;
            Assert.Equal(AlertState.Acknowledged, acknowledged.State);
            Assert.Equal(("alice", "on it"), (acknowledged.Acknowledgement!.By, acknowledged.Acknowledgement.Comment));
        }

        Volatile.Write(ref _workspaces, 0);
        var resolved = await NotificationsAsync(2);
        Assert.Equal(("resolved", id), resolved[1]);
        await WaitUntilAsync("both hosts show the alert resolved", async () => (await First.GetAlertAsync(id))?.State == AlertState.Resolved && (await Second.GetAlertAsync(id))?.State == AlertState.Resolved);
        await AssertNoMoreNotificationsAsync(2);

        Assert.Equal([AlertState.Firing, AlertState.Acknowledged, AlertState.Resolved], await TransitionsAsync(id));
        var sent = (await Second.GetHistoryAsync(new AlertHistoryQuery(AlertId: id))).Where(static e => e.Kind == AlertHistoryKind.Notification).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, static e => Assert.Equal((Webhook, "sent"), (e.Channel, e.Outcome)));
    }

    /// <summary>The receiver's first <paramref name="count"/> notifications as (kind, alert id), waiting for them.</summary>
    private async Task<IReadOnlyList<(string Kind, string AlertId)>> NotificationsAsync(int count)
    {
        await WaitUntilAsync($"{count} notification(s) arrived", () => Task.FromResult(_receiver.Count >= count));
        while (_received.Count < count)
        {
            var request = await _receiver.NextAsync();
            using var json = request.Json();
            var root = json.RootElement;
            _received.Add((root.GetProperty("kind").GetString()!, Assert.Single(root.GetProperty("alerts").EnumerateArray()).GetProperty("id").GetString()!));
        }

        return _received;
    }

    /// <summary>Both engines evaluate three more times (sending what they would have sent by then), and nothing more arrives.</summary>
    private async Task AssertNoMoreNotificationsAsync(int count)
    {
        await AssertTicksAsync();
        await WaitUntilAsync("every attempt is in the history", async () => (await First.GetHistoryAsync(new AlertHistoryQuery(Limit: 1000))).Count(static e => e.Kind == AlertHistoryKind.Notification && e.Channel == Webhook) >= count);
        Assert.Equal(count, _receiver.Count);
    }

    /// <summary>Waits until both engines have evaluated three more times.</summary>
    private async Task AssertTicksAsync()
    {
        var start = DateTimeOffset.UtcNow;
        await WaitUntilAsync("both engines evaluated three more times", () => Task.FromResult(
            First.LastEvaluation >= start + TimeSpan.FromSeconds(3) && Second.LastEvaluation >= start + TimeSpan.FromSeconds(3)));
    }

    private async Task<List<AlertState>> TransitionsAsync(string alertId) =>
        [.. (await First.GetHistoryAsync(new AlertHistoryQuery(AlertId: alertId))).Where(static e => e.Kind == AlertHistoryKind.Transition).Reverse().Select(static e => e.To!.Value)];

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Not within {Patience}: {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A host as a replica runs: the engine (every second, no default rules), the Redis store and the webhook channel.</summary>
    private async Task<IHost> StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptWatch:Redis:Configuration"] = $"redis://:{Uri.EscapeDataString(RedisTestServer.Password)}@{RedisTestServer.Endpoint}",
            ["PromptWatch:Redis:KeyPrefix"] = _prefix,
            ["PromptWatch:Redis:ConnectTimeout"] = "00:00:30",
            ["PromptWatch:Redis:OperationTimeout"] = "00:00:30",
            ["PromptWatch:Alerting:Redis:KeyPrefix"] = _prefix + "alerting:",
            ["PromptWatch:Alerting:EvaluationInterval"] = "00:00:01",
            ["PromptWatch:Alerting:DefaultRules"] = "false",
            ["PromptWatch:Alerting:Webhook:Url"] = _receiver.Url.AbsoluteUri,
        });
        var promptWatch = builder.Services.AddPromptWatch(static o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.Repositories.Add(new WatchedRepositoryOptions { Name = "unused", Location = "unused-repository" });
        });
        promptWatch.AddAlerting();
        promptWatch.AddRedisAlertStore();
        promptWatch.AddAlertChannels();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
