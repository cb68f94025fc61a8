namespace PromptWatch.Pipelines;

/// <summary>
/// One attempt of a workflow run as last seen (a re-run is the same <see cref="Id"/> with a higher <see cref="Attempt"/>).
/// Which of two versions of a run wins is decided by <see cref="Supersedes"/>, so that every store agrees.
/// </summary>
public sealed record PipelineRun
{
    /// <summary>The provider's global run id (GitHub's run id).</summary>
    public required long Id { get; init; }

    /// <summary>The repository, <c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The workflow's id.</summary>
    public long WorkflowId { get; init; }

    /// <summary>The workflow's name.</summary>
    public required string WorkflowName { get; init; }

    /// <summary>The run's number within its workflow.</summary>
    public int RunNumber { get; init; }

    /// <summary>The attempt, from 1.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The head branch, if any (none for a tag push).</summary>
    public string? Branch { get; init; }

    /// <summary>The commit the run ran on.</summary>
    public required string HeadSha { get; init; }

    /// <summary>What triggered it: <c>push</c>, <c>pull_request</c>, <c>workflow_dispatch</c>, <c>schedule</c>...</summary>
    public required string Event { get; init; }

    /// <summary>The account that triggered it, if known.</summary>
    public string? Actor { get; init; }

    /// <summary>The display title (for a push, the head commit message's first line), if any.</summary>
    public string? Title { get; init; }

    /// <summary>The head commit's author, if known.</summary>
    public string? CommitAuthor { get; init; }

    /// <summary>The head commit's time, if known (lead time for changes starts here).</summary>
    public DateTimeOffset? CommitAt { get; init; }

    /// <summary>Where it is in its life.</summary>
    public PipelineStatus Status { get; init; }

    /// <summary>How it ended, once completed.</summary>
    public PipelineConclusion? Conclusion { get; init; }

    /// <summary>When the run was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this attempt started (<c>run_started_at</c>), if known.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run last changed; for a completed run, when it completed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The run's page, if any.</summary>
    public string? HtmlUrl { get; init; }

    /// <summary>Whether the run is <see cref="PipelineStatus.Completed"/>.</summary>
    public bool IsCompleted => Status == PipelineStatus.Completed;

    /// <summary>How long the attempt took: <see cref="UpdatedAt"/> minus (<see cref="StartedAt"/> or <see cref="CreatedAt"/>), once completed.</summary>
    public TimeSpan? Duration => IsCompleted ? Max(UpdatedAt - (StartedAt ?? CreatedAt)) : null;

    /// <summary>How long it waited before starting: <see cref="StartedAt"/> minus <see cref="CreatedAt"/>, once started.</summary>
    public TimeSpan? QueueTime => StartedAt is { } started ? Max(started - CreatedAt) : null;

    /// <summary>
    /// Whether <paramref name="incoming"/> replaces <paramref name="stored"/>: when nothing is stored, when it is a later
    /// attempt, or the same attempt while the stored one is not completed and the incoming one is completed or at least as
    /// recent. A completed attempt is never overwritten by another event of the same attempt.
    /// </summary>
    /// <param name="incoming">The version just received.</param>
    /// <param name="stored">The version stored, if any.</param>
    /// <returns>Whether to store <paramref name="incoming"/>.</returns>
    public static bool Supersedes(PipelineRun incoming, PipelineRun? stored)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (stored is null) return true;
        if (incoming.Attempt != stored.Attempt) return incoming.Attempt > stored.Attempt;
        return !stored.IsCompleted && (incoming.IsCompleted || incoming.UpdatedAt >= stored.UpdatedAt);
    }

    private static TimeSpan Max(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
