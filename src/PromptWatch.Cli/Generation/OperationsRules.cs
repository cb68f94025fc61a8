using PromptWatch.Alerting;

namespace PromptWatch.Cli.Generation;

/// <summary>
/// The operations set, written as engine metric rules over what PromptWatch exports (so that the engine could evaluate
/// the same definitions), except <c>promptwatch_unhealthy</c>: a host that does not answer has no metric of its own,
/// so it is Prometheus' <c>up</c> series.
/// </summary>
internal static class OperationsRules
{
    /// <summary>The rule over Prometheus' <c>up</c> series.</summary>
    public const string Unhealthy = "promptwatch_unhealthy";

    public static IReadOnlyList<AlertRule> All { get; } =
    [
        new AlertRule
        {
            Name = "promptwatch_degraded",
            Description = "The alerting engine has had firing alerts for 5 minutes (its health, resource and failure rules): see the Alerts view for which.",
            Severity = AlertSeverity.Warning,
            Metric = new MetricCondition
            {
                Instrument = AlertingMetrics.AlertsOpenName,
                Filter = Labels(("promptwatch.alert.state", "firing")),
                Threshold = 0,
                For = TimeSpan.FromMinutes(5),
            },
        },
        new AlertRule
        {
            Name = "promptwatch_high_failure_rate",
            Description = "More than 20 % of repository refreshes (fetch and scan) failed over 10 minutes.",
            Severity = AlertSeverity.Error,
            Metric = new MetricCondition
            {
                Instrument = "promptwatch.refreshes",
                Filter = Labels(("promptwatch.outcome", "failure")),
                Aggregation = MetricAggregation.Ratio,
                Denominator = "promptwatch.refreshes",
                Window = TimeSpan.FromMinutes(10),
                Threshold = 0.2,
                For = TimeSpan.FromMinutes(5),
            },
        },
        new AlertRule
        {
            Name = "promptwatch_dependency_errors",
            Description = "More than 10 % of calls to a dependency (git, s3, redis, alert_sink) failed over 5 minutes.",
            Severity = AlertSeverity.Error,
            Metric = new MetricCondition
            {
                Instrument = "promptwatch.dependency.duration",
                Filter = Labels(("promptwatch.outcome", "failure")),
                GroupBy = ["promptwatch.dependency"],
                Aggregation = MetricAggregation.Ratio,
                Denominator = "promptwatch.dependency.duration",
                Threshold = 0.1,
                For = TimeSpan.FromMinutes(5),
            },
        },
        new AlertRule
        {
            Name = "promptwatch_rate_limit_near",
            Description = "Workspace requests were refused by a limit (creation rate, capacity) in the last 5 minutes: the limit is reached.",
            Severity = AlertSeverity.Warning,
            Metric = new MetricCondition
            {
                Instrument = "promptwatch.workspaces.refused",
                GroupBy = ["promptwatch.limit"],
                Aggregation = MetricAggregation.Increase,
                Threshold = 0,
            },
        },
        new AlertRule
        {
            Name = "promptwatch_slow_operations",
            Description = "The 95th percentile of a dependency's calls took longer than 5 s over 5 minutes.",
            Severity = AlertSeverity.Warning,
            Metric = new MetricCondition
            {
                Instrument = "promptwatch.dependency.duration",
                GroupBy = ["promptwatch.dependency"],
                Aggregation = MetricAggregation.P95,
                Threshold = 5,
                For = TimeSpan.FromMinutes(10),
            },
        },
        new AlertRule
        {
            Name = "promptwatch_authentication_failures",
            Description = "A dependency refused PromptWatch's credentials in the last 5 minutes (HTTP 401/403, Git authentication, Redis NOAUTH/WRONGPASS, S3 AccessDenied): check the token or password.",
            Severity = AlertSeverity.Error,
            Metric = new MetricCondition
            {
                Instrument = "promptwatch.dependency.auth_failures",
                GroupBy = ["promptwatch.dependency"],
                Aggregation = MetricAggregation.Increase,
                Threshold = 0,
            },
        },
    ];

    /// <summary>The host's scrape target answers no scrape.</summary>
    public static PrometheusAlert UnhealthyAlert(string job, Uri? dashboardUrl)
    {
        List<KeyValuePair<string, string>> annotations =
        [
            new("summary", "PromptWatch does not answer Prometheus' scrapes"),
            new("description", "The PromptWatch host has not answered a scrape of its metrics for a minute: it is down, unreachable or too busy to answer."),
        ];
        if (dashboardUrl is not null) annotations.Add(new("dashboard", dashboardUrl.ToString()));
        return new PrometheusAlert(Unhealthy, $"up{{job=\"{LabelMatchers.Quote(job)}\"}} == 0", TimeSpan.FromMinutes(1), [new("severity", "critical"), new("source", "promptwatch")], annotations);
    }

    private static Dictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(static l => l.Name, static l => l.Value, StringComparer.Ordinal);
}
