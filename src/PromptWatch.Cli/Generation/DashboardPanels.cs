namespace PromptWatch.Cli.Generation;

/// <summary>
/// The dashboard's panels, each over series the host exports (PromptWatch's meter, ASP.NET Core's request duration and
/// the .NET runtime's meter): an overview of health, operations, dependencies, authentication, the workspace limits
/// and system resources, then PromptWatch's own scans, changes, evaluation coverage, webhook deliveries, activity and notifications.
/// </summary>
internal static class DashboardPanels
{
    public const string Overview = "Overview";
    public const string PromptWatch = "PromptWatch";

    public static IReadOnlyList<DashboardPanel> All(string job) =>
    [
        new(Overview, "Health (host answers scrapes)", "stat", "none",
            [new($"up{{job=\"{LabelMatchers.Quote(job)}\"}}", "{{instance}}")]),
        new(Overview, "Open alerts by state", "timeseries", "none",
            [new("sum by (promptwatch_alert_state) (promptwatch_alerting_alerts)", "{{promptwatch_alert_state}}")]),
        new(Overview, "Operation rates", "timeseries", "ops",
            [
                new("sum by (promptwatch_outcome) (rate(promptwatch_refreshes_total[5m]))", "refreshes {{promptwatch_outcome}}"),
                new("sum by (http_route) (rate(http_server_request_duration_seconds_count[5m]))", "HTTP {{http_route}}"),
            ]),
        new(Overview, "Operation success", "timeseries", "percentunit",
            [
                new("sum(rate(promptwatch_refreshes_total{promptwatch_outcome=\"success\"}[5m])) / sum(rate(promptwatch_refreshes_total[5m]))", "refreshes"),
                new("sum(rate(http_server_request_duration_seconds_count{http_response_status_code!~\"5..\"}[5m])) / sum(rate(http_server_request_duration_seconds_count[5m]))", "HTTP (not 5xx)"),
            ]),
        new(Overview, "Duration percentiles", "timeseries", "s",
            [
                new("histogram_quantile(0.5, sum by (le) (rate(promptwatch_refresh_duration_seconds_bucket[5m])))", "refresh p50"),
                new("histogram_quantile(0.95, sum by (le) (rate(promptwatch_refresh_duration_seconds_bucket[5m])))", "refresh p95"),
                new("histogram_quantile(0.99, sum by (le) (rate(promptwatch_refresh_duration_seconds_bucket[5m])))", "refresh p99"),
                new("histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))", "HTTP p95"),
            ]),
        new(Overview, "Dependency latency (p95)", "timeseries", "s",
            [new("histogram_quantile(0.95, sum by (le, promptwatch_dependency) (rate(promptwatch_dependency_duration_seconds_bucket[5m])))", "{{promptwatch_dependency}}")]),
        new(Overview, "Dependency errors", "timeseries", "ops",
            [new("sum by (promptwatch_dependency, error_type) (rate(promptwatch_dependency_duration_seconds_count{promptwatch_outcome=\"failure\"}[5m]))", "{{promptwatch_dependency}} {{error_type}}")]),
        new(Overview, "Authentication failures", "timeseries", "short",
            [new("sum by (promptwatch_dependency) (increase(promptwatch_dependency_auth_failures_total[5m]))", "{{promptwatch_dependency}}")]),
        new(Overview, "Rate limit: refused workspace requests", "timeseries", "short",
            [
                new("sum by (promptwatch_limit) (increase(promptwatch_workspaces_refused_total[5m]))", "refused by {{promptwatch_limit}}"),
                new("sum(promptwatch_workspaces_alive)", "workspaces alive"),
            ]),
        new(Overview, "System resources", "timeseries", "short",
            [
                new("sum(rate(dotnet_process_cpu_time_seconds_total[5m]))", "CPU seconds per second"),
                new("sum(dotnet_process_memory_working_set_bytes) / 1048576", "working set (MiB)"),
                new("sum(dotnet_gc_last_collection_heap_size_bytes) / 1048576", "GC heap (MiB)"),
            ]),
        new(PromptWatch, "Changes found by scans", "timeseries", "short",
            [new("sum by (promptwatch_scan_kind) (increase(promptwatch_scan_changes_total[1h]))", "{{promptwatch_scan_kind}}")]),
        new(PromptWatch, "Scans", "timeseries", "short",
            [
                new("sum by (promptwatch_scan_kind) (increase(promptwatch_scans_total[1h]))", "scans {{promptwatch_scan_kind}}"),
                new("sum(increase(promptwatch_scan_commits_walked_total[1h]))", "commits walked"),
                new("sum(increase(promptwatch_scan_blobs_parsed_total[1h]))", "file versions parsed"),
            ]),
        new(PromptWatch, "Refreshes per repository", "timeseries", "short",
            [new("sum by (promptwatch_repository, promptwatch_outcome) (increase(promptwatch_refreshes_total[1h]))", "{{promptwatch_repository}} {{promptwatch_outcome}}")]),
        new(PromptWatch, "Evaluation coverage", "timeseries", "percentunit",
            [new("sum by (promptwatch_environment) (promptwatch_evaluation_changes{promptwatch_results_state=\"found\"}) / sum by (promptwatch_environment) (promptwatch_evaluation_changes{promptwatch_results_state=~\"found|none\"})", "{{promptwatch_environment}}")]),
        new(PromptWatch, "Webhook deliveries", "timeseries", "short",
            [new("sum by (promptwatch_github_event, promptwatch_outcome) (increase(promptwatch_github_deliveries_total[1h]))", "{{promptwatch_github_event}} {{promptwatch_outcome}}")]),
        new(PromptWatch, "Activity counters", "timeseries", "short",
            [
                new("sum by (promptwatch_github_event) (increase(promptwatch_github_deliveries_total{promptwatch_outcome=\"applied\"}[1h]))", "{{promptwatch_github_event}} counted"),
                new("sum by (promptwatch_alert_kind) (increase(promptwatch_github_alerts_total[1h]))", "alert {{promptwatch_alert_kind}}"),
                new("sum(increase(promptwatch_github_rescans_total[1h]))", "rescans"),
            ]),
        new(PromptWatch, "Alert notifications", "timeseries", "short",
            [new("sum by (promptwatch_alert_channel, promptwatch_outcome) (increase(promptwatch_alerting_notifications_total[1h]))", "{{promptwatch_alert_channel}} {{promptwatch_outcome}}")]),
        new(PromptWatch, "Redis counter store", "timeseries", "short",
            [
                new("sum by (promptwatch_operation, promptwatch_outcome) (rate(promptwatch_counters_redis_operations_total[5m]))", "{{promptwatch_operation}} {{promptwatch_outcome}}"),
                new("histogram_quantile(0.95, sum by (le) (rate(promptwatch_counters_redis_duration_seconds_bucket[5m])))", "p95 (s)"),
            ]),
    ];
}
