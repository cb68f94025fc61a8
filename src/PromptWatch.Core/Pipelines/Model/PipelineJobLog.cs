namespace PromptWatch.Pipelines;

/// <summary>The log of one job, capped at <see cref="PipelineOptions.MaxLogBytes"/> keeping its end (where errors are).</summary>
/// <param name="JobId">The job, when known (a run's log archive may name jobs only).</param>
/// <param name="JobName">The job's name.</param>
/// <param name="Text">The log text (its end, when <paramref name="Truncated"/>).</param>
/// <param name="Truncated">Whether the beginning was cut off.</param>
public sealed record PipelineJobLog(long? JobId, string JobName, string Text, bool Truncated);
