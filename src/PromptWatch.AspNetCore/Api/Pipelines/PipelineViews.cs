using PromptWatch.Pipelines;

namespace PromptWatch.AspNetCore.Api.Pipelines;

/// <summary>A run as the API shows it: the model's fields with durations in seconds.</summary>
internal sealed record RunView(
    long Id, string Repository, long WorkflowId, string Workflow, int RunNumber, int Attempt, string? Branch, string HeadSha, string Event,
    string? Actor, string? Title, string? CommitAuthor, DateTimeOffset? CommitAt, PipelineStatus Status, PipelineConclusion? Conclusion,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset UpdatedAt, double? DurationSeconds, double? QueueSeconds, string? HtmlUrl)
{
    public static RunView Of(PipelineRun run) => new(
        run.Id, run.Repository, run.WorkflowId, run.WorkflowName, run.RunNumber, run.Attempt, run.Branch, run.HeadSha, run.Event, run.Actor, run.Title,
        run.CommitAuthor, run.CommitAt, run.Status, run.Conclusion, run.CreatedAt, run.StartedAt, run.UpdatedAt, run.Duration?.TotalSeconds, run.QueueTime?.TotalSeconds, run.HtmlUrl);
}

/// <summary>A job with its steps, durations in seconds.</summary>
internal sealed record JobView(
    long Id, long RunId, int RunAttempt, string Repository, string Name, string? Workflow, PipelineStatus Status, PipelineConclusion? Conclusion,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, double? DurationSeconds, double? QueueSeconds, string? RunnerName,
    string? HtmlUrl, IReadOnlyList<StepView> Steps)
{
    public static JobView Of(PipelineJob job) => new(
        job.Id, job.RunId, job.RunAttempt, job.Repository, job.Name, job.WorkflowName, job.Status, job.Conclusion, job.CreatedAt, job.StartedAt, job.CompletedAt,
        job.Duration?.TotalSeconds, job.QueueTime?.TotalSeconds, job.RunnerName, job.HtmlUrl, [.. job.Steps.Select(StepView.Of)]);
}

/// <summary>A step, its duration in seconds.</summary>
internal sealed record StepView(int Number, string Name, PipelineStatus Status, PipelineConclusion? Conclusion, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, double? DurationSeconds)
{
    public static StepView Of(PipelineStep step) => new(step.Number, step.Name, step.Status, step.Conclusion, step.StartedAt, step.CompletedAt, step.Duration?.TotalSeconds);
}

/// <summary>A page of items with its paging.</summary>
internal sealed record PageView<T>(IReadOnlyList<T> Items, int Page, int PerPage, int TotalCount, int TotalPages);
