using System.Globalization;
using PromptWatch.Alerting.Evaluation;
using PromptWatch.Alerting.Rules;
using PromptWatch.Diagnostics;

namespace PromptWatch.Alerting.Engine;

// The evaluation tick: refresh rules, open alerts and silences from the store, evaluate every metric rule on one
// sample of the instruments, then auto-resolve and apply or lift silences.
internal sealed partial class AlertEngine
{
    private readonly Dictionary<string, MetricRuleState> _metricRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventRuleState> _eventRules = new(StringComparer.Ordinal);
    private readonly MetricAggregates _aggregates = new();
    private readonly List<MetricBreach> _breaches = [];
    private readonly HashSet<string> _breached = new(StringComparer.Ordinal);
    private Dictionary<string, AlertRule> _rules = new Dictionary<string, AlertRule>(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<AlertEvaluation> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var activity = PromptWatchTelemetry.ActivitySource.StartActivity("promptwatch.alerting.evaluate");
            var now = _time.GetUtcNow();
            await RefreshAsync(now, cancellationToken);
            _source.Sample();
            _aggregates.BeginTick();
            var changed = new List<Alert>();
            var openByRule = OpenByRule();
            // Three quarters of an interval: a replica's own next tick always counts (jitter under a quarter), and of two
            // replicas' ticks within one interval only one does.
            var spacing = _options.EvaluationInterval * 0.75;
            foreach (var state in _metricRules.Values)
            {
                var rule = state.Rule;
                var metric = rule.Metric!;
                _breaches.Clear();
                state.Evaluate(_source, _aggregates, now, _breaches);
                _breached.Clear();
                foreach (var breach in _breaches)
                {
                    _breached.Add(breach.Group.Key);
                    var summary = string.Create(CultureInfo.InvariantCulture, $"{metric.Instrument} {AggregationText(metric.Aggregation)} = {breach.Value:G6} ({metric.Comparison.ToString().ToLowerInvariant()} {metric.Threshold:G6})");
                    await BreachAsync(rule, breach.Group.Labels, breach.Value, summary, null, metric.ConsecutiveBreaches, metric.For, now, changed, cancellationToken, spacing);
                }

                if (!openByRule.TryGetValue(rule.Name, out var open)) continue;
                foreach (var alert in open)
                {
                    if (!_breached.Contains(AlertGroupKey.Of(alert))) await ClearAsync(rule, alert, AlertResolutionReason.Cleared, now, changed, cancellationToken);
                }
            }

            await SweepAsync(now, changed, cancellationToken);
            await RepeatAsync(now, cancellationToken);
            activity?.SetTag("promptwatch.alerting.rules", _metricRules.Count);
            activity?.SetTag("promptwatch.alerting.changed", changed.Count);
            LastEvaluation = now;
            return new AlertEvaluation(now, _metricRules.Count, changed);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Auto-resolves alerts past their rule's time and moves alerts into and out of silences.</summary>
    private async Task SweepAsync(DateTimeOffset now, List<Alert> changed, CancellationToken cancellationToken)
    {
        Alert[] open;
        lock (_open) open = [.. _open.Values];
        foreach (var alert in open)
        {
            var rule = _rules.GetValueOrDefault(alert.Rule);
            if (alert.State != AlertState.Pending && rule?.AutoResolveAfter is { } after && now - alert.LastBreachAt >= after)
            {
                await ClearAsync(rule, alert, AlertResolutionReason.AutoResolved, now, changed, cancellationToken);
                continue;
            }

            if (alert.State is AlertState.Pending or AlertState.Resolved) continue;
            var silence = SilenceFor(alert);
            if (silence is not null && alert.State != AlertState.Suppressed)
            {
                await ChangeAsync(rule, alert, a => a.State is AlertState.Firing or AlertState.Acknowledged ? a with { State = AlertState.Suppressed, SilencedBy = silence.Id } : null, changed, cancellationToken);
            }
            else if (silence is null && alert.State == AlertState.Suppressed)
            {
                await ChangeAsync(rule, alert, a => a.State == AlertState.Suppressed ? a with { State = a.Acknowledgement is null ? AlertState.Firing : AlertState.Acknowledged, SilencedBy = null } : null, changed, cancellationToken);
            }
        }
    }

    /// <summary>Reads the rules, open alerts and silences; keeps each unchanged rule's evaluation state.</summary>
    private async Task RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rules = await _catalog.GetAsync(cancellationToken);
        var byName = new Dictionary<string, AlertRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!rule.Enabled) continue;
            byName[rule.Name] = rule;
            if (rule.Metric is not null)
            {
                if (!_metricRules.TryGetValue(rule.Name, out var state) || !RuleFingerprint.Same(state.Rule, state.Fingerprint, rule))
                {
                    _metricRules[rule.Name] = new MetricRuleState(rule, _options.MaxSeriesPerRule);
                }
            }
            else if (rule.Event is not null && (!_eventRules.TryGetValue(rule.Name, out var eventState) || !RuleFingerprint.Same(eventState.Rule, eventState.Fingerprint, rule)))
            {
                _eventRules[rule.Name] = new EventRuleState(rule);
            }
        }

        foreach (var gone in _metricRules.Keys.Where(n => !byName.TryGetValue(n, out var r) || r.Metric is null).ToList()) _metricRules.Remove(gone);
        foreach (var gone in _eventRules.Keys.Where(n => !byName.TryGetValue(n, out var r) || r.Event is null).ToList()) _eventRules.Remove(gone);
        _rules = byName;

        var alerts = await _store.GetAlertsAsync(cancellationToken);
        lock (_open)
        {
            _open.Clear();
            _newest.Clear();
            foreach (var alert in alerts.OrderBy(static a => a.StartsAt).ThenBy(static a => a.Id, StringComparer.Ordinal))
            {
                var key = AlertGroupKey.Of(alert);
                _newest[key] = alert.Id;
                if (alert.State != AlertState.Resolved) _open[key] = alert;
            }
        }

        _silences = [.. (await _store.GetSilencesAsync(cancellationToken)).Where(s => s.IsActiveAt(now)).Select(static s => new ActiveSilence(s))];
    }

    private Dictionary<string, List<Alert>> OpenByRule()
    {
        var byRule = new Dictionary<string, List<Alert>>(StringComparer.Ordinal);
        lock (_open)
        {
            foreach (var alert in _open.Values)
            {
                if (!byRule.TryGetValue(alert.Rule, out var list)) byRule[alert.Rule] = list = [];
                list.Add(alert);
            }
        }

        return byRule;
    }

    private static string AggregationText(MetricAggregation aggregation) => aggregation switch
    {
        MetricAggregation.LastValue => "last value",
        MetricAggregation.Rate => "rate",
        MetricAggregation.Increase => "increase",
        MetricAggregation.Ratio => "ratio",
        MetricAggregation.P95 => "p95",
        _ => "value",
    };
}
