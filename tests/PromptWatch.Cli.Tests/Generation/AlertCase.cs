namespace PromptWatch.Cli.Tests.Generation;

/// <summary>
/// Synthetic series for one generated alert (promtool's <c>input_series</c> notation, one sample per 15 s): a stream
/// that fires it (with the labels each firing alert carries beside the rule's), and one that must not.
/// </summary>
internal sealed record AlertCase(
    string Alert,
    TimeSpan EvalTime,
    IReadOnlyList<(string Series, string Values)> Firing,
    IReadOnlyList<IReadOnlyDictionary<string, string>> FiringLabels,
    IReadOnlyList<(string Series, string Values)> Quiet);

internal static class AlertCases
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TwentyMinutes = TimeSpan.FromMinutes(20);

    public static IReadOnlyDictionary<string, AlertCase> All { get; } = new AlertCase[]
    {
        new("api_error_rate", TenMinutes,
            [
                ("http_server_request_duration_seconds_count{http_route=\"/api/changes\",http_response_status_code=\"500\"}", "0+3x80"),
                ("http_server_request_duration_seconds_count{http_route=\"/api/changes\",http_response_status_code=\"200\"}", "0+7x80"),
                ("http_server_request_duration_seconds_count{http_route=\"/{user}/{cluster}/api/changes\",http_response_status_code=\"503\"}", "0+1x80"),
            ],
            [Labels()],
            [
                // A health route's 503s are the health rules' business, and 5 % of the API's requests is under 10 %.
                ("http_server_request_duration_seconds_count{http_route=\"/health\",http_response_status_code=\"503\"}", "0+50x80"),
                ("http_server_request_duration_seconds_count{http_route=\"/api/changes\",http_response_status_code=\"500\"}", "0+1x80"),
                ("http_server_request_duration_seconds_count{http_route=\"/api/changes\",http_response_status_code=\"200\"}", "0+19x80"),
            ]),
        new("promptwatch_unhealthy", TenMinutes,
            [("up{job=\"promptwatch\",instance=\"promptwatch:8080\"}", "0x80")],
            [Labels(("job", "promptwatch"), ("instance", "promptwatch:8080"))],
            [("up{job=\"promptwatch\",instance=\"promptwatch:8080\"}", "1x80"), ("up{job=\"other\",instance=\"other:8080\"}", "0x80")]),
        new("promptwatch_degraded", TenMinutes,
            [("promptwatch_alerting_alerts{promptwatch_alert_state=\"firing\"}", "2x80"), ("promptwatch_alerting_alerts{promptwatch_alert_state=\"pending\"}", "0x80")],
            [Labels()],
            [("promptwatch_alerting_alerts{promptwatch_alert_state=\"firing\"}", "0x80"), ("promptwatch_alerting_alerts{promptwatch_alert_state=\"pending\"}", "3x80")]),
        new("promptwatch_high_failure_rate", TwentyMinutes,
            [
                ("promptwatch_refreshes_total{promptwatch_repository=\"service\",promptwatch_outcome=\"failure\"}", "0+1x100"),
                ("promptwatch_refreshes_total{promptwatch_repository=\"service\",promptwatch_outcome=\"success\"}", "0+1x100"),
            ],
            [Labels()],
            [
                ("promptwatch_refreshes_total{promptwatch_repository=\"service\",promptwatch_outcome=\"failure\"}", "0+1x100"),
                ("promptwatch_refreshes_total{promptwatch_repository=\"service\",promptwatch_outcome=\"success\"}", "0+9x100"),
            ]),
        new("promptwatch_dependency_errors", TwentyMinutes,
            [
                ("promptwatch_dependency_duration_seconds_count{promptwatch_dependency=\"git\",promptwatch_outcome=\"failure\",error_type=\"LibGit2SharpException\"}", "0+1x100"),
                ("promptwatch_dependency_duration_seconds_count{promptwatch_dependency=\"git\",promptwatch_outcome=\"success\"}", "0+1x100"),
                ("promptwatch_dependency_duration_seconds_count{promptwatch_dependency=\"s3\",promptwatch_outcome=\"success\"}", "0+5x100"),
            ],
            [Labels(("promptwatch_dependency", "git"))],
            [
                ("promptwatch_dependency_duration_seconds_count{promptwatch_dependency=\"git\",promptwatch_outcome=\"failure\",error_type=\"LibGit2SharpException\"}", "0+1x100"),
                ("promptwatch_dependency_duration_seconds_count{promptwatch_dependency=\"git\",promptwatch_outcome=\"success\"}", "0+19x100"),
            ]),
        new("promptwatch_rate_limit_near", TenMinutes,
            [("promptwatch_workspaces_refused_total{promptwatch_limit=\"MaxWorkspaces\"}", "0+1x80")],
            [Labels(("promptwatch_limit", "MaxWorkspaces"))],
            [("promptwatch_workspaces_refused_total{promptwatch_limit=\"MaxWorkspaces\"}", "4x80")]),
        new("promptwatch_slow_operations", TwentyMinutes,
            [
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"git\",le=\"1\"}", "0+1x100"),
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"git\",le=\"5\"}", "0+1x100"),
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"git\",le=\"10\"}", "0+10x100"),
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"git\",le=\"+Inf\"}", "0+10x100"),
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"redis\",le=\"1\"}", "0+10x100"),
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"redis\",le=\"+Inf\"}", "0+10x100"),
            ],
            [Labels(("promptwatch_dependency", "git"))],
            [
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"git\",le=\"1\"}", "0+9x100"),
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"git\",le=\"5\"}", "0+10x100"),
                ("promptwatch_dependency_duration_seconds_bucket{promptwatch_dependency=\"git\",le=\"+Inf\"}", "0+10x100"),
            ]),
        new("promptwatch_authentication_failures", TenMinutes,
            [("promptwatch_dependency_auth_failures_total{promptwatch_dependency=\"redis\"}", "0+1x80")],
            [Labels(("promptwatch_dependency", "redis"))],
            [("promptwatch_dependency_auth_failures_total{promptwatch_dependency=\"redis\"}", "2x80")]),
    }.ToDictionary(static c => c.Alert, StringComparer.Ordinal);

    private static Dictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(static l => l.Name, static l => l.Value, StringComparer.Ordinal);
}
