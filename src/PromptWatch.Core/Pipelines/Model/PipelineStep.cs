namespace PromptWatch.Pipelines;

/// <summary>One step of a job.</summary>
/// <param name="Number">The step's number within its job, from 1.</param>
/// <param name="Name">The step's name.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="Conclusion">How it ended, once completed.</param>
/// <param name="StartedAt">When it started, if it did.</param>
/// <param name="CompletedAt">When it completed, if it did.</param>
public sealed record PipelineStep(int Number, string Name, PipelineStatus Status, PipelineConclusion? Conclusion, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt)
{
    /// <summary>How long it ran, when both times are known.</summary>
    public TimeSpan? Duration => StartedAt is { } started && CompletedAt is { } completed && completed >= started ? completed - started : null;
}
