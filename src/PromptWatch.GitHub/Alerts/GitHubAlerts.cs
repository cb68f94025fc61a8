using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.GitHub.Hosting;

namespace PromptWatch.GitHub.Alerts;

/// <summary>
/// The alerts raised in this host: the latest ones in memory (per host, not shared between replicas), a log
/// entry and a metric each, and a bounded queue to the sinks that never blocks the caller.
/// </summary>
public sealed class GitHubAlerts
{
    private readonly LinkedList<GitHubAlert> _recent = new();
    private readonly Lock _lock = new();
    private readonly int _keep;
    private readonly Channel<GitHubAlert> _toSinks;
    private readonly ILogger _logger;
    private readonly GitHubMetrics _metrics;

    internal GitHubAlerts(IOptions<GitHubWebhookOptions> options, ILogger<GitHubAlerts> logger, GitHubMetrics metrics)
    {
        _keep = options.Value.Alerts.Keep;
        _toSinks = Channel.CreateBounded<GitHubAlert>(new BoundedChannelOptions(options.Value.Alerts.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>The latest alerts, newest first.</summary>
    public IReadOnlyList<GitHubAlert> Recent
    {
        get
        {
            lock (_lock) return [.. _recent];
        }
    }

    internal ChannelReader<GitHubAlert> ForSinks => _toSinks.Reader;

    /// <summary>Records an alert: list, log, metric, and the sinks' queue (dropped with a log entry when full).</summary>
    /// <param name="alert">The alert.</param>
    public void Raise(GitHubAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_lock)
        {
            _recent.AddFirst(alert);
            while (_recent.Count > _keep) _recent.RemoveLast();
        }

        GitHubLog.AlertRaised(_logger, alert.Kind, alert.Severity, alert.Repository, alert.Message, alert.Delivery);
        _metrics.Alerts.Add(1, new KeyValuePair<string, object?>("promptwatch.alert.kind", alert.Kind), new KeyValuePair<string, object?>("promptwatch.alert.severity", alert.Severity));
        if (!_toSinks.Writer.TryWrite(alert)) GitHubLog.AlertQueueFull(_logger, alert.Kind, alert.Delivery);
    }
}
