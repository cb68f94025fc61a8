using System.Globalization;
using Octokit.Webhooks.Events;
using PromptWatch.Pipelines;
using WebhookModels = Octokit.Webhooks.Models;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// Octokit.Webhooks' events in the provider-neutral model. A delivery may leave out fields the library marks required,
/// so each is read as possibly missing; an event without the ids the model needs maps to nothing.
/// </summary>
internal static class GitHubWebhookMapping
{
    public static PipelineRun? Run(WorkflowRunEvent payload)
    {
        var run = payload.WorkflowRun;
        var repository = payload.Repository?.FullName;
        if (run is null || run.Id == 0 || string.IsNullOrEmpty(repository)) return null;
        return new PipelineRun
        {
            Id = run.Id,
            Repository = repository,
            WorkflowId = run.WorkflowId,
            WorkflowName = run.Name ?? payload.Workflow?.Name ?? string.Empty,
            RunNumber = (int)Math.Clamp(run.RunNumber, 0, int.MaxValue),
            Attempt = (int)Math.Clamp(run.RunAttempt, 1, int.MaxValue),
            Branch = run.HeadBranch,
            HeadSha = run.HeadSha ?? string.Empty,
            Event = run.Event ?? string.Empty,
            Actor = run.TriggeringActor?.Login ?? run.Actor?.Login,
            Title = run.DisplayTitle ?? GitHubActionsValues.FirstLine(run.HeadCommit?.Message),
            CommitAuthor = run.HeadCommit?.Author?.Name,
            CommitAt = Parse(run.HeadCommit?.Timestamp),
            Status = GitHubActionsValues.Status(run.Status?.StringValue),
            Conclusion = GitHubActionsValues.Conclusion(run.Conclusion?.StringValue),
            CreatedAt = run.CreatedAt,
            StartedAt = GitHubActionsValues.Time(run.RunStartedAt),
            UpdatedAt = run.UpdatedAt == default ? run.CreatedAt : run.UpdatedAt,
            HtmlUrl = run.HtmlUrl,
        };
    }

    public static PipelineJob? Job(WorkflowJobEvent payload)
    {
        var job = payload.WorkflowJob;
        var repository = payload.Repository?.FullName;
        if (job is null || job.Id == 0 || job.RunId == 0 || string.IsNullOrEmpty(repository)) return null;
        return new PipelineJob
        {
            Id = job.Id,
            RunId = job.RunId,
            RunAttempt = (int)Math.Clamp(job.RunAttempt, 1, int.MaxValue),
            Repository = repository,
            Name = job.Name ?? string.Empty,
            WorkflowName = job.WorkflowName,
            Status = GitHubActionsValues.Status(job.Status?.StringValue),
            Conclusion = GitHubActionsValues.Conclusion(job.Conclusion?.StringValue),
            CreatedAt = job.CreatedAt == default ? job.StartedAt ?? default : job.CreatedAt,
            StartedAt = GitHubActionsValues.Time(job.StartedAt),
            CompletedAt = GitHubActionsValues.Time(job.CompletedAt),
            RunnerName = job.RunnerName,
            HtmlUrl = job.HtmlUrl,
            Steps = (job.Steps ?? [])
                .Select(static s => new PipelineStep(
                    (int)Math.Clamp(s.Number, 0, int.MaxValue),
                    s.Name ?? string.Empty,
                    GitHubActionsValues.Status(s.Status?.StringValue),
                    GitHubActionsValues.Conclusion(s.Conclusion?.StringValue),
                    GitHubActionsValues.Time(s.StartedAt),
                    GitHubActionsValues.Time(s.CompletedAt)))
                .ToList(),
        };
    }

    /// <summary>
    /// A check run of GitHub Actions (its address names the run: <c>.../actions/runs/1/job/2</c>; for Actions the check
    /// run's id is the job's). Check runs of other apps map to nothing.
    /// </summary>
    public static PipelineJob? Job(CheckRunEvent payload)
    {
        var check = payload.CheckRun;
        var repository = payload.Repository?.FullName;
        if (check is null || check.Id == 0 || string.IsNullOrEmpty(repository)) return null;
        if (!string.Equals(check.App?.Slug, "github-actions", StringComparison.OrdinalIgnoreCase)) return null;
        if ((GitHubActionsValues.RunIdIn(check.HtmlUrl) ?? GitHubActionsValues.RunIdIn(check.DetailsUrl)) is not { } runId) return null;
        return new PipelineJob
        {
            Id = check.Id,
            RunId = runId,
            Repository = repository,
            Name = check.Name ?? string.Empty,
            Status = GitHubActionsValues.Status(check.Status?.StringValue),
            Conclusion = GitHubActionsValues.Conclusion(check.Conclusion?.StringValue),
            CreatedAt = check.StartedAt,
            StartedAt = GitHubActionsValues.Time(check.StartedAt),
            CompletedAt = GitHubActionsValues.Time(check.CompletedAt),
            HtmlUrl = check.HtmlUrl,
        };
    }

    public static PipelineDeployment? Deployment(DeploymentEvent payload) =>
        Deployment(payload.Repository?.FullName, payload.Deployment, payload.WorkflowRun?.Id);

    public static PipelineDeployment? Deployment(DeploymentStatusEvent payload) =>
        Deployment(payload.Repository?.FullName, payload.Deployment, payload.WorkflowRun?.Id);

    public static PipelineDeploymentStatus? DeploymentStatus(DeploymentStatusEvent payload)
    {
        var status = payload.DeploymentStatus;
        var repository = payload.Repository?.FullName;
        if (status is null || status.Id == 0 || payload.Deployment is not { Id: not 0 } deployment || string.IsNullOrEmpty(repository)) return null;
        if (GitHubActionsValues.DeploymentState(status.State?.StringValue) is not { } state) return null;
        return new PipelineDeploymentStatus(status.Id, deployment.Id, repository, state, status.Description, status.Creator?.Login, status.CreatedAt);
    }

    private static PipelineDeployment? Deployment(string? repository, WebhookModels.DeploymentEvent.Deployment? deployment, long? runId)
    {
        if (deployment is null || deployment.Id == 0 || string.IsNullOrEmpty(repository)) return null;
        return Deployment(repository, deployment.Id, deployment.Environment, deployment.Sha, deployment.Ref, deployment.Task, deployment.Description, deployment.Creator?.Login, deployment.CreatedAt, runId);
    }

    private static PipelineDeployment? Deployment(string? repository, WebhookModels.DeploymentStatusEvent.Deployment? deployment, long? runId)
    {
        if (deployment is null || deployment.Id == 0 || string.IsNullOrEmpty(repository)) return null;
        return Deployment(repository, deployment.Id, deployment.Environment, deployment.Sha, deployment.Ref, deployment.Task, deployment.Description, deployment.Creator?.Login, deployment.CreatedAt, runId);
    }

    private static PipelineDeployment Deployment(string repository, long id, string? environment, string? sha, string? @ref, string? task, string? description, string? creator, DateTimeOffset createdAt, long? runId) => new()
    {
        Id = id,
        Repository = repository,
        Environment = environment ?? string.Empty,
        Sha = sha ?? string.Empty,
        Ref = @ref ?? string.Empty,
        Task = task,
        Description = description,
        Creator = creator,
        CreatedAt = createdAt,
        RunId = runId is 0 ? null : runId,
    };

    private static DateTimeOffset? Parse(string? timestamp) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
