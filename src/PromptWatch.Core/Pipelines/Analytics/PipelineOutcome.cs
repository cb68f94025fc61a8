namespace PromptWatch.Pipelines.Analytics;

/// <summary>How the analytics read a conclusion: a pass, a failure, or neither (cancelled, skipped, neutral...).</summary>
internal static class PipelineOutcome
{
    /// <summary>Whether the conclusion counts as a failure: failure, timed out or startup failure.</summary>
    public static bool IsFailure(PipelineConclusion? conclusion) => conclusion is PipelineConclusion.Failure or PipelineConclusion.TimedOut or PipelineConclusion.StartupFailure;

    /// <summary>Whether the conclusion counts as a pass.</summary>
    public static bool IsSuccess(PipelineConclusion? conclusion) => conclusion is PipelineConclusion.Success;

    /// <summary>Whether a deployment reached its environment: its latest state is success, or inactive (replaced after it).</summary>
    public static bool IsDeployed(PipelineDeployment deployment) => deployment.LatestState is DeploymentState.Success or DeploymentState.Inactive;

    /// <summary>Whether a deployment failed: its latest state is failure or error.</summary>
    public static bool IsFailedDeployment(PipelineDeployment deployment) => deployment.LatestState is DeploymentState.Failure or DeploymentState.Error;

    /// <summary>The share <paramref name="part"/> of <paramref name="whole"/>, 0 when there is none.</summary>
    public static double Rate(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
