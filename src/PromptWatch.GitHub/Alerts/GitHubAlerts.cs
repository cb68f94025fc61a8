using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromptWatch.Alerting;
using PromptWatch.GitHub.Hosting;

namespace PromptWatch.GitHub.Alerts;

/// <summary>
/// The alerts raised in this host: the latest ones in memory (per host, not shared between replicas), a log entry and
/// a metric each, and an <see cref="AlertEvent"/> to the alerting engine, whose rules decide who is notified.
/// </summary>
public sealed class GitHubAlerts
{
    private readonly LinkedList<GitHubAlert> _recent = new();
    private readonly Lock _lock = new();
    private readonly int _keep;
    private readonly IAlertEventPublisher _publisher;
    private readonly ILogger _logger;
    private readonly GitHubMetrics _metrics;

    internal GitHubAlerts(IOptions<GitHubWebhookOptions> options, IAlertEventPublisher publisher, ILogger<GitHubAlerts> logger, GitHubMetrics metrics)
    {
        _keep = options.Value.Alerts.Keep;
        _publisher = publisher;
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

    /// <summary>
    /// Records an alert: list, log, metric, and an event of the alert's kind for the alerting engine (never blocks).
    /// The event's occurrence id is the delivery and the kind, so raising the same alert again notifies nobody again.
    /// </summary>
    /// <param name="alert">The alert.</param>
    public void Raise(GitHubAlert alert) => Raise(alert, index: 0);

    /// <summary>Records an alert; <paramref name="index"/> tells apart alerts of one kind raised by one delivery.</summary>
    internal void Raise(GitHubAlert alert, int index)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_lock)
        {
            _recent.AddFirst(alert);
            while (_recent.Count > _keep) _recent.RemoveLast();
        }

        GitHubLog.AlertRaised(_logger, alert.Kind, alert.Severity, alert.Repository, alert.Message, alert.Delivery);
        _metrics.Alerts.Add(1, new KeyValuePair<string, object?>("promptwatch.alert.kind", alert.Kind), new KeyValuePair<string, object?>("promptwatch.alert.severity", alert.Severity));
        _publisher.Publish(GitHubAlertLabels.EventOf(alert, index));
    }
}
