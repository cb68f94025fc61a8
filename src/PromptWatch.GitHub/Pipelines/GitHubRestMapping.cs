using PromptWatch.Pipelines;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>Octokit's REST models in the provider-neutral model.</summary>
internal static class GitHubRestMapping
{
    public static PipelineRun Run(string repository, Octokit.WorkflowRun run) => new()
    {
        Id = run.Id,
        Repository = repository,
        WorkflowId = run.WorkflowId,
        WorkflowName = run.Name ?? string.Empty,
        RunNumber = (int)Math.Clamp(run.RunNumber, 0, int.MaxValue),
        Attempt = (int)Math.Clamp(run.RunAttempt, 1, int.MaxValue),
        Branch = run.HeadBranch,
        HeadSha = run.HeadSha ?? string.Empty,
        Event = run.Event ?? string.Empty,
        Actor = run.TriggeringActor?.Login ?? run.Actor?.Login,
        Title = run.DisplayTitle ?? GitHubActionsValues.FirstLine(run.HeadCommit?.Message),
        CommitAuthor = run.HeadCommit?.Author?.Name,
        CommitAt = GitHubActionsValues.Time(run.HeadCommit?.Author?.Date),
        Status = GitHubActionsValues.Status(run.Status.StringValue),
        Conclusion = GitHubActionsValues.Conclusion(run.Conclusion?.StringValue),
        CreatedAt = run.CreatedAt,
        StartedAt = GitHubActionsValues.Time(run.RunStartedAt),
        UpdatedAt = run.UpdatedAt,
        HtmlUrl = run.HtmlUrl,
    };

    public static PipelineJob Job(string repository, int attempt, string? workflowName, Octokit.WorkflowJob job) => new()
    {
        Id = job.Id,
        RunId = job.RunId,
        RunAttempt = attempt,
        Repository = repository,
        Name = job.Name ?? string.Empty,
        WorkflowName = workflowName,
        Status = GitHubActionsValues.Status(job.Status.StringValue),
        Conclusion = GitHubActionsValues.Conclusion(job.Conclusion?.StringValue),
        CreatedAt = GitHubActionsValues.Time(job.CreatedAt) ?? job.StartedAt,
        StartedAt = GitHubActionsValues.Time(job.StartedAt),
        CompletedAt = GitHubActionsValues.Time(job.CompletedAt),
        RunnerName = job.RunnerName,
        HtmlUrl = job.HtmlUrl,
        Steps = (job.Steps ?? [])
            .Select(static s => new PipelineStep(
                (int)Math.Clamp(s.Number, 0, int.MaxValue),
                s.Name ?? string.Empty,
                GitHubActionsValues.Status(s.Status.StringValue),
                GitHubActionsValues.Conclusion(s.Conclusion?.StringValue),
                GitHubActionsValues.Time(s.StartedAt),
                GitHubActionsValues.Time(s.CompletedAt)))
            .ToList(),
    };

    public static PipelineDeployment Deployment(string repository, Octokit.Deployment deployment, Octokit.DeploymentStatus? latest) => new()
    {
        Id = deployment.Id,
        Repository = repository,
        Environment = deployment.Environment ?? string.Empty,
        Sha = deployment.Sha ?? string.Empty,
        Ref = deployment.Ref ?? string.Empty,
        Task = deployment.Task,
        Description = deployment.Description,
        Creator = deployment.Creator?.Login,
        CreatedAt = deployment.CreatedAt,
        LatestState = latest is null ? null : GitHubActionsValues.DeploymentState(latest.State.StringValue),
        LatestStateAt = latest?.CreatedAt,
        RunId = latest is null ? null : GitHubActionsValues.RunIdIn(latest.LogUrl) ?? GitHubActionsValues.RunIdIn(latest.TargetUrl),
    };

    public static PipelineDeploymentStatus? DeploymentStatus(string repository, long deploymentId, Octokit.DeploymentStatus status) =>
        GitHubActionsValues.DeploymentState(status.State.StringValue) is { } state
            ? new PipelineDeploymentStatus(status.Id, deploymentId, repository, state, status.Description, status.Creator?.Login, status.CreatedAt)
            : null;
}
