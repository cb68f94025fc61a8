namespace PromptWatch.Alerting.Rules;

/// <summary>
/// The rules in force unless <see cref="AlertingOptions.DefaultRules"/> is off: resources and health (fed by the
/// health checks through the health-check publisher), the API error rate (ASP.NET Core's request duration), and
/// PromptWatch's own events.
/// </summary>
internal static class DefaultAlertRules
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>The route templates of the API: <c>/api/...</c>, and a workspace's <c>/{user}/{cluster}/api/...</c>.</summary>
    private const string ApiRoutes = "(/.*)?/api/.*";

    public static IReadOnlyList<AlertRule> All { get; } =
    [
        Health("cpu_high", "resources:cpu", AlertSeverity.Warning, 2, "CPU use reached the CPU check's Degraded threshold (80 % by default) on two health reports in a row."),
        Health("memory_high", "resources:memory", AlertSeverity.Warning, 2, "Memory use reached the memory check's Degraded threshold (85 % by default) on two health reports in a row."),
        Health("disk_high", "resources:disk", AlertSeverity.Error, 1, "Disk use reached the disk check's Degraded threshold (90 % by default)."),
        new AlertRule
        {
            Name = "api_error_rate",
            Description = "More than 10 % of the API's requests answered 5xx over 5 minutes, on three evaluations in a row.",
            Severity = AlertSeverity.Error,
            Metric = new MetricCondition
            {
                Instrument = KnownInstruments.HttpServerRequestDuration,
                // The API's routes only (the host's and each workspace's): a health or status route answers 503 by design
                // while a check is Unhealthy, which the health rules report already.
                Filter = Labels(("http.route", ApiRoutes), ("http.response.status_code", "5[0-9][0-9]")),
                Aggregation = MetricAggregation.Ratio,
                Denominator = KnownInstruments.HttpServerRequestDuration,
                DenominatorFilter = Labels(("http.route", ApiRoutes)),
                Window = TimeSpan.FromMinutes(5),
                Comparison = AlertComparison.Gt,
                Threshold = 0.1,
                ConsecutiveBreaches = 3,
            },
        },
        new AlertRule
        {
            Name = "health_check_failing",
            Description = "A health check other than CPU, memory and disk (their own rules watch those) reports Unhealthy; resolves when it is healthy again.",
            Severity = AlertSeverity.Error,
            Event = new EventCondition { Kind = AlertEventKinds.HealthCheckFailing, Filter = Labels(("status", "Unhealthy"), ("resource", "false")), GroupBy = ["check"] },
        },
        Event("repository_refresh_failing", AlertEventKinds.RepositoryRefreshFailing, AlertSeverity.Error, 3, null, "A watched repository failed to refresh three times in a row; resolves on its next successful refresh."),
        Event("result_store_failing", AlertEventKinds.ResultStoreFailing, AlertSeverity.Error, 2, null, "An evaluation result store failed to list twice in a row; resolves when it answers again."),
        Event("counter_store_failing", AlertEventKinds.CounterStoreFailing, AlertSeverity.Error, 1, null, "The counter store failed; resolves when it answers again."),
        Event("scan_errors", AlertEventKinds.ScanErrors, AlertSeverity.Warning, 1, TimeSpan.FromHours(1), "File versions could not be read during a scan."),
        Event("sensitive_file", AlertEventKinds.SensitiveFile, AlertSeverity.Critical, 1, Day, "A push touched a file that matches a sensitive pattern."),
        Event("urgent_issue", AlertEventKinds.UrgentIssue, AlertSeverity.Error, 1, Day, "An issue was opened or labelled as urgent."),
        Event("deployment_failure", AlertEventKinds.DeploymentFailure, AlertSeverity.Error, 1, Day, "A deployment failed or ended in an error."),
        Event("build_failure_default_branch", AlertEventKinds.BuildFailure, AlertSeverity.Error, 1, Day, "A workflow run failed on the default branch.", ("default_branch", "true")),
        Event("pipeline_failure", AlertEventKinds.PipelineFailure, AlertSeverity.Error, 1, TimeSpan.FromDays(7), "A workflow failed on a branch whose previous run passed; resolves when a run of it passes there again."),
        Event("pipeline_rollback", AlertEventKinds.PipelineRollback, AlertSeverity.Warning, 1, Day, "A deployment went back to an earlier commit, or is named a rollback."),
        Event("unevaluated_prod_change", AlertEventKinds.UnevaluatedProdChange, AlertSeverity.Warning, 1, Day, "A prod setting changed and no evaluation report appeared within the grace period."),
        new AlertRule
        {
            Name = "score_regression",
            Description = "An evaluation score dropped beyond the threshold (PromptWatch:ScoreRegressionDrop, ScoreRegressionRelativeDrop) from the previous evaluated version of its use case.",
            Severity = AlertSeverity.Warning,
            AutoResolveAfter = Day,
            Event = new EventCondition { Kind = AlertEventKinds.ScoreRegression, GroupBy = ["repository", "environment", "use_case", "metric"] },
        },
    ];

    private static AlertRule Health(string name, string check, AlertSeverity severity, int occurrences, string description) => new()
    {
        Name = name,
        Description = description,
        Severity = severity,
        Event = new EventCondition { Kind = AlertEventKinds.HealthCheckFailing, Filter = Labels(("check", check)), GroupBy = ["check"], Occurrences = occurrences },
    };

    private static AlertRule Event(string name, string kind, AlertSeverity severity, int occurrences, TimeSpan? autoResolve, string description, params (string Name, string Pattern)[] filter) => new()
    {
        Name = name,
        Description = description,
        Severity = severity,
        AutoResolveAfter = autoResolve,
        Event = new EventCondition { Kind = kind, Filter = Labels(filter), Occurrences = occurrences },
    };

    private static Dictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(static l => l.Name, static l => l.Value, StringComparer.Ordinal);
}
