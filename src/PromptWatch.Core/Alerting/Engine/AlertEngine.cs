using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Alerting.Notifications;
using PromptWatch.Alerting.Rules;
using PromptWatch.Diagnostics;

namespace PromptWatch.Alerting.Engine;

/// <summary>
/// The alerting engine: evaluates metric rules every <see cref="AlertingOptions.EvaluationInterval"/>, matches
/// published events against event rules off the publisher's path, keeps alerts through their lifecycle in the
/// <see cref="IAlertStore"/>, and hands notifications to one queue per channel. One gate serialises every change of
/// alert state (evaluation, events, manual actions), so a transition is computed from the state it follows.
/// </summary>
internal sealed partial class AlertEngine : BackgroundService, IAlertManager, IAlertEventPublisher
{
    private readonly AlertingOptions _options;
    private readonly VersionedAlertReads _store;
    private readonly AlertMetricSource _source;
    private readonly AlertingMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // This engine among the replicas that share the store (see Alert.LastBreachBy).
    private readonly string _engineId = Guid.NewGuid().ToString("N")[..12];
    private readonly Channel<AlertEvent> _events;
    private readonly Dictionary<string, ChannelQueue> _channels = new(StringComparer.Ordinal);
    private readonly RuleCatalog _catalog;
    private readonly NotificationThrottle _throttle;
    private readonly AlertNotificationHub? _feed;
    private readonly Dictionary<string, Alert> _open = new(StringComparer.Ordinal);
    private IReadOnlyList<ActiveSilence> _silences = [];
    private Task _eventWorker = Task.CompletedTask;
    private List<Task> _channelWorkers = [];
    private CancellationTokenSource? _stopping;
    private int _disposed;

    public AlertEngine(
        IOptions<AlertingOptions> options,
        IAlertStore store,
        IEnumerable<IAlertChannel> channels,
        AlertMetricSource source,
        AlertingMetrics metrics,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        AlertNotificationHub? feed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        // Rules, alerts and silences are read again only when the store's version moved.
        _store = new VersionedAlertReads(store);
        store = _store;
        _source = source;
        _metrics = metrics;
        _feed = feed;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger<AlertEngine>() ?? NullLogger.Instance;
        _events = Channel.CreateBounded<AlertEvent>(
            new BoundedChannelOptions(_options.EventQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => _metrics.RecordEventDropped());
        foreach (var channel in channels)
        {
            if (_channels.ContainsKey(channel.Name)) continue;
            _channels.Add(channel.Name, new ChannelQueue(channel, _options.ChannelQueueCapacity));
        }

        Channels = [.. channels.Select(static c => c.Name).Distinct(StringComparer.Ordinal)];
        _catalog = new RuleCatalog(_options, store, Channels);
        _throttle = new NotificationThrottle();
        _metrics.ObserveAlerts(CountOpen);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Channels { get; }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        StartWorkers();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Starts the event worker and one worker per channel (without the evaluation loop, for tests).</summary>
    internal void StartWorkers()
    {
        if (_stopping is not null) return;
        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _eventWorker = Task.Run(() => ProcessEventsAsync(token), CancellationToken.None);
        _channelWorkers = [.. _channels.Values.Select(queue => Task.Run(() => queue.RunAsync(RecordSentAsync, token), CancellationToken.None))];
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_stopping is { } stopping && Volatile.Read(ref _disposed) == 0)
        {
            await stopping.CancelAsync();
            try
            {
                await Task.WhenAll([_eventWorker, .. _channelWorkers]).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Shutdown: workers end with the token.
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        // DI disposes the engine once per interface it is registered under.
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping?.Cancel();
        _stopping?.Dispose();
        _gate.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.EvaluationInterval, _time);
        try
        {
            do
            {
                try
                {
                    // One batch per tick: a store that writes a whole file writes once for all the tick's changes.
                    await using var batch = _store.BeginBatch();
                    await EvaluateAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogEvaluationFailed(_logger, DependencyMetrics.ErrorType(e), e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private IReadOnlyDictionary<AlertState, int> CountOpen()
    {
        lock (_open) return _open.Values.GroupBy(static a => a.State).ToDictionary(static g => g.Key, static g => g.Count());
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Evaluating the alert rules failed ({ErrorType}); the next interval tries again.")]
    private static partial void LogEvaluationFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Matching an alert event of kind {Kind} failed ({ErrorType}).")]
    private static partial void LogEventFailed(ILogger logger, string kind, string errorType, Exception exception);
}
