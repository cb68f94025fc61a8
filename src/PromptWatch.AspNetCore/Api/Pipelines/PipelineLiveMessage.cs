using PromptWatch.Alerting;
using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>
/// What a live client receives for a change. Topics: <c>builds</c> (runs and jobs), <c>pipeline</c> (runs, deployments
/// and deployment statuses), <c>notifications</c> (notifications sent).
/// </summary>
internal static class PipelineLiveMessage
{
    public const string NotificationsTopic = "notifications";

    public static readonly string[] Topics = ["pipeline", "builds", NotificationsTopic];

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

    /// <summary>
    /// The JSON of a notification the alerting engine sent: <c>{"type":"notifications","event":"notification",
    /// "repository":..,"at":..,"data":{"kind":"firing","rule":..,"severity":..,"message":..,"channels":[..],"alerts":[..]}}</c>.
    /// </summary>
    public static byte[] Serialize(AlertDispatch dispatch)
    {
        var notification = dispatch.Notification;
        var first = notification.Alerts.Count > 0 ? notification.Alerts[0] : null;
        var repository = first?.Labels.GetValueOrDefault("repository");
        var data = new
        {
            kind = notification.Kind,
            group_key = notification.GroupKey,
            rule = first?.Rule,
            severity = first?.Severity,
            message = first?.Summary,
            description = notification.Description,
            channels = dispatch.Channels,
            dashboard_url = notification.DashboardUrl,
            alerts = notification.Alerts.Select(static a => new
            {
                a.Id,
                a.Rule,
                a.Severity,
                a.State,
                a.Summary,
                a.Labels,
                a.Url,
                a.StartsAt,
                a.FiredAt,
                resolved_at = a.Resolution?.At,
            }),
        };
        return PipelineJson.Serialize(new { type = NotificationsTopic, @event = "notification", repository, at = notification.At, data });
    }
}
