namespace PromptWatch.Alerting;

/// <summary>The event kinds PromptWatch and its integrations publish.</summary>
public static class AlertEventKinds
{
    /// <summary>A workflow run or check failed (labels: repository, branch, workflow).</summary>
    public const string BuildFailure = "build_failure";

    /// <summary>A deployment failed (labels: repository, environment); the pipeline monitor clears it when a deployment there succeeds.</summary>
    public const string DeploymentFailure = "deployment_failure";

    /// <summary>A push touched a file that matches a sensitive pattern (labels: repository, branch, path).</summary>
    public const string SensitiveFile = "sensitive_file";

    /// <summary>An issue was opened or labelled as urgent (labels: repository, label).</summary>
    public const string UrgentIssue = "urgent_issue";

    /// <summary>A prod setting changed and no evaluation report appeared within the grace period (labels: repository, environment, use_case).</summary>
    public const string UnevaluatedProdChange = "unevaluated_prod_change";

    /// <summary>A change's evaluation score dropped beyond the threshold from the previous evaluated version (labels: repository, environment, use_case, metric, commit).</summary>
    public const string ScoreRegression = "score_regression";

    /// <summary>A watched repository failed to refresh; cleared by its next successful refresh (labels: repository).</summary>
    public const string RepositoryRefreshFailing = "repository_refresh_failing";

    /// <summary>The evaluation result store failed to list; cleared when it answers again (labels: store).</summary>
    public const string ResultStoreFailing = "result_store_failing";

    /// <summary>The counter store failed; cleared when it answers again (labels: store).</summary>
    public const string CounterStoreFailing = "counter_store_failing";

    /// <summary>A file version could not be read (labels: repository, path, commit).</summary>
    public const string ScanErrors = "scan_errors";

    /// <summary>
    /// A completed run failed on a workflow and branch whose previous decided run passed; cleared by the next passing run
    /// (labels: repository, workflow, branch).
    /// </summary>
    public const string PipelineFailure = "pipeline_failure";

    /// <summary>A deployment went back to an ancestor of the commit deployed before it, or is named a rollback (labels: repository, environment).</summary>
    public const string PipelineRollback = "pipeline_rollback";

    /// <summary>A health check reported Unhealthy; cleared when it is healthy again (labels: check).</summary>
    public const string HealthCheckFailing = "health_check_failing";
}
