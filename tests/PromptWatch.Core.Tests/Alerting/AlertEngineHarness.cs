using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Engine;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Alerting.Notifications;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Tests.Alerting;

/// <summary>An engine on a fake clock and an in-memory store, its metric source fed by hand, its workers running.</summary>
internal sealed class AlertEngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private AlertEngineHarness(Action<AlertingOptions>? configure, IAlertChannel[] channels, AlertEngineHarness? replicaOf = null, AlertNotificationHub? feed = null, IAlertStore? store = null, FakeTimeProvider? time = null)
    {
        Time = time ?? replicaOf?.Time ?? new FakeTimeProvider(Start);
        Store = store ?? replicaOf?.Store ?? new InMemoryAlertStore(Time);
        var options = new AlertingOptions { DefaultRules = false, Cooldown = TimeSpan.Zero };
        configure?.Invoke(options);
        Engine = new AlertEngine(Options.Create(options), Store, channels.Length == 0 ? [Channel] : channels, Source, Metrics, Time, feed: feed);
        Engine.StartWorkers();
    }

    public FakeTimeProvider Time { get; }

    public IAlertStore Store { get; }

    public AlertMetricSource Source { get; } = new(listen: false);

    public AlertingMetrics Metrics { get; } = new();

    public RecordingChannel Channel { get; } = new("recording");

    public AlertEngine Engine { get; }

    public static AlertEngineHarness Create(Action<AlertingOptions>? configure = null, params IAlertChannel[] channels) => new(configure, channels);

    /// <summary>An engine that publishes what it sends on <paramref name="feed"/>.</summary>
    public static AlertEngineHarness Create(Action<AlertingOptions>? configure, AlertNotificationHub feed) => new(configure, [], feed: feed);

    /// <summary>A second engine on <paramref name="first"/>'s store and clock, as another replica of the host runs.</summary>
    public static AlertEngineHarness ReplicaOf(AlertEngineHarness first, params IAlertChannel[] channels) => new(null, channels, first);

    /// <summary>An engine on <paramref name="store"/> and <paramref name="time"/> (another engine's, for a replica on a store of one's own).</summary>
    public static AlertEngineHarness On(IAlertStore store, FakeTimeProvider time) => new(null, [], store: store, time: time);

    /// <summary>The series of an instrument for the given attributes.</summary>
    public MetricSeries Series(string instrument, params (string Key, string Value)[] attributes)
    {
        var kind = KnownInstruments.KindOf(instrument) ?? throw new ArgumentException("unknown", nameof(instrument));
        var tags = attributes.Select(static a => new KeyValuePair<string, object?>(a.Key, a.Value)).ToArray();
        return Source.GetOrAdd(instrument, kind).Find(tags)!;
    }

    public async Task<AlertEvaluation> TickAsync(TimeSpan? advance = null)
    {
        Time.Advance(advance ?? TimeSpan.FromSeconds(15));
        return await Engine.EvaluateAsync();
    }

    public async Task<IReadOnlyList<Alert>> AlertsAsync(string rule) => await Engine.GetAlertsAsync(new AlertQuery(Rule: rule));

    public async Task<IReadOnlyList<AlertHistoryEntry>> NotificationHistoryAsync(string? outcome = null) =>
        [.. (await Engine.GetHistoryAsync(new AlertHistoryQuery(Limit: 1000))).Where(e => e.Kind == AlertHistoryKind.Notification && (outcome is null || e.Outcome == outcome))];

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        Engine.Dispose();
        Metrics.Dispose();
        Source.Dispose();
    }
}

/// <summary>Waits for conditions with a generous bound (a busy machine), never a fixed sleep.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await read();
            if (until(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what) => GetAsync(() => Task.FromResult(condition()), static v => v, what);
}
