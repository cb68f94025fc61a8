using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>
/// What a live client receives for a change. Topics: <c>builds</c> (runs and jobs), <c>pipeline</c> (runs, deployments
/// and deployment statuses), <c>notifications</c> (notifications sent).
/// </summary>
internal static class PipelineLiveMessage
{
    public static readonly string[] Topics = ["pipeline", "builds", "notifications"];

    public static IEnumerable<string> TopicsOf(PipelineChangeKind kind) => kind switch
    {
        PipelineChangeKind.Run => ["builds", "pipeline"],
        PipelineChangeKind.Job => ["builds"],
        PipelineChangeKind.Deployment or PipelineChangeKind.DeploymentStatus => ["pipeline"],
        _ => ["notifications"],
    };

    /// <summary>The JSON of a change for a topic: <c>{"type":"builds","event":"run","repository":..,"at":..,"data":{..}}</c>.</summary>
    public static byte[] Serialize(string topic, PipelineChange change)
    {
        object? data = change.Kind switch
        {
            PipelineChangeKind.Run => change.Run is { } run ? RunView.Of(run) : null,
            PipelineChangeKind.Job => change.Job is { } job ? JobView.Of(job) : null,
            PipelineChangeKind.Deployment => change.Deployment,
            PipelineChangeKind.DeploymentStatus => change.DeploymentStatus,
            _ => new { message = change.Message },
        };
        var name = change.Kind switch
        {
            PipelineChangeKind.Run => "run",
            PipelineChangeKind.Job => "job",
            PipelineChangeKind.Deployment => "deployment",
            PipelineChangeKind.DeploymentStatus => "deployment_status",
            _ => "notification",
        };
        return PipelineJson.Serialize(new { type = topic, @event = name, repository = change.Repository, at = change.At, data });
    }
}
