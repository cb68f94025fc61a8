namespace PromptWatch.Pipelines;

/// <summary>One job of one attempt of a run, with its steps.</summary>
public sealed record PipelineJob
{
    /// <summary>The provider's global job id.</summary>
    public required long Id { get; init; }

    /// <summary>The run it belongs to.</summary>
    public required long RunId { get; init; }

    /// <summary>The run attempt it belongs to, from 1.</summary>
    public int RunAttempt { get; init; } = 1;

    /// <summary>The repository, <c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The job's name.</summary>
    public required string Name { get; init; }

    /// <summary>The workflow's name, if known.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>Where it is in its life.</summary>
    public PipelineStatus Status { get; init; }

    /// <summary>How it ended, once completed.</summary>
    public PipelineConclusion? Conclusion { get; init; }

    /// <summary>When the job was created (queued).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it started on a runner, if it did.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it completed, if it did.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The runner that ran it, if known.</summary>
    public string? RunnerName { get; init; }

    /// <summary>The job's page, if any.</summary>
    public string? HtmlUrl { get; init; }

    /// <summary>Its steps, by number (empty when unknown).</summary>
    public IReadOnlyList<PipelineStep> Steps { get; init; } = [];

    /// <summary>Whether the job is <see cref="PipelineStatus.Completed"/>.</summary>
    public bool IsCompleted => Status == PipelineStatus.Completed;

    /// <summary>How long it ran: <see cref="CompletedAt"/> minus <see cref="StartedAt"/>, when both are known.</summary>
    public TimeSpan? Duration => StartedAt is { } started && CompletedAt is { } completed && completed >= started ? completed - started : null;

    /// <summary>How long it waited for a runner: <see cref="StartedAt"/> minus <see cref="CreatedAt"/>, once started.</summary>
    public TimeSpan? QueueTime => StartedAt is { } started && started >= CreatedAt ? started - CreatedAt : null;

    /// <summary>
    /// Whether <paramref name="incoming"/> replaces <paramref name="stored"/>: when nothing is stored, when it belongs to
    /// a later run attempt, or the same attempt while the stored one is not completed and the incoming one is completed,
    /// or no earlier in its life (status order <c>Requested</c> ... <c>Completed</c>). A completed job is never
    /// overwritten by another event of the same attempt.
    /// </summary>
    /// <param name="incoming">The version just received.</param>
    /// <param name="stored">The version stored, if any.</param>
    /// <returns>Whether to store <paramref name="incoming"/>.</returns>
    public static bool Supersedes(PipelineJob incoming, PipelineJob? stored)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (stored is null) return true;
        if (incoming.RunAttempt != stored.RunAttempt) return incoming.RunAttempt > stored.RunAttempt;
        return !stored.IsCompleted && (incoming.IsCompleted || incoming.Status >= stored.Status);
    }
}
