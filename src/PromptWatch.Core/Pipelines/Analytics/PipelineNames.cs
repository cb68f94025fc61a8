namespace PromptWatch.Pipelines.Analytics;

/// <summary>The snake_case names of the model's enums, as the API and the analytics spell them (GitHub's names).</summary>
internal static class PipelineNames
{
    public static string Of(PipelineStatus status) => status switch
    {
        PipelineStatus.Requested => "requested",
        PipelineStatus.Queued => "queued",
        PipelineStatus.Waiting => "waiting",
        PipelineStatus.Pending => "pending",
        PipelineStatus.InProgress => "in_progress",
        _ => "completed",
    };

    public static string Of(PipelineConclusion conclusion) => conclusion switch
    {
        PipelineConclusion.Success => "success",
        PipelineConclusion.Failure => "failure",
        PipelineConclusion.Cancelled => "cancelled",
        PipelineConclusion.Skipped => "skipped",
        PipelineConclusion.TimedOut => "timed_out",
        PipelineConclusion.ActionRequired => "action_required",
        PipelineConclusion.Neutral => "neutral",
        PipelineConclusion.Stale => "stale",
        _ => "startup_failure",
    };

    public static string Of(DeploymentState state) => state switch
    {
        DeploymentState.Pending => "pending",
        DeploymentState.Queued => "queued",
        DeploymentState.InProgress => "in_progress",
        DeploymentState.Success => "success",
        DeploymentState.Failure => "failure",
        DeploymentState.Error => "error",
        _ => "inactive",
    };

    public static bool TryParseStatus(string text, out PipelineStatus status)
    {
        foreach (var value in Enum.GetValues<PipelineStatus>())
        {
            if (string.Equals(Of(value), text, StringComparison.OrdinalIgnoreCase))
            {
                status = value;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static bool TryParseConclusion(string text, out PipelineConclusion conclusion)
    {
        foreach (var value in Enum.GetValues<PipelineConclusion>())
        {
            if (string.Equals(Of(value), text, StringComparison.OrdinalIgnoreCase))
            {
                conclusion = value;
                return true;
            }
        }

        conclusion = default;
        return false;
    }
}
