using PromptWatch.Pipelines;

namespace PromptWatch.Tests.Pipelines;

/// <summary>Runs, jobs and deployments for tests, with only what a test does not care about filled in.</summary>
internal static class PipelineSamples
{
    public const string Repository = "octo/prompts";

    public static PipelineRun Run(long id, DateTimeOffset createdAt, PipelineStatus status = PipelineStatus.Completed, PipelineConclusion? conclusion = PipelineConclusion.Success, string repository = Repository) => new()
    {
        Id = id,
        Repository = repository,
        WorkflowId = 7,
        WorkflowName = "ci",
        RunNumber = (int)(id % 100_000),
        Attempt = 1,
        Branch = "main",
        HeadSha = Sha(id),
        Event = "push",
        Actor = "mona",
        CommitAuthor = "mona",
        Title = "Change the prompt",
        Status = status,
        Conclusion = status == PipelineStatus.Completed ? conclusion : null,
        CreatedAt = createdAt,
        StartedAt = createdAt.AddSeconds(10),
        UpdatedAt = status == PipelineStatus.Completed ? createdAt.AddMinutes(5) : createdAt.AddSeconds(20),
    };

    public static PipelineJob Job(long id, long runId, DateTimeOffset createdAt, int attempt = 1, PipelineStatus status = PipelineStatus.Completed, string name = "build", string repository = Repository) => new()
    {
        Id = id,
        RunId = runId,
        RunAttempt = attempt,
        Repository = repository,
        Name = name,
        WorkflowName = "ci",
        Status = status,
        Conclusion = status == PipelineStatus.Completed ? PipelineConclusion.Success : null,
        CreatedAt = createdAt,
        StartedAt = status == PipelineStatus.Queued ? null : createdAt.AddSeconds(5),
        CompletedAt = status == PipelineStatus.Completed ? createdAt.AddMinutes(2) : null,
        Steps =
        [
            new PipelineStep(1, "Set up job", PipelineStatus.Completed, PipelineConclusion.Success, createdAt.AddSeconds(5), createdAt.AddSeconds(10)),
        ],
    };

    public static PipelineDeployment Deployment(long id, DateTimeOffset createdAt, string environment = "production", string? sha = null, string repository = Repository) => new()
    {
        Id = id,
        Repository = repository,
        Environment = environment,
        Sha = sha ?? Sha(id),
        Ref = "main",
        Task = "deploy",
        CreatedAt = createdAt,
    };

    public static string Sha(long seed) => seed.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);
}
