namespace PromptWatch.Pipelines;

/// <summary>A filtered page of runs, newest first (<see cref="PipelineRun.CreatedAt"/> descending, then id descending).</summary>
public sealed record PipelineRunQuery
{
    /// <summary>The most runs on one page.</summary>
    public const int MaxPerPage = 100;

    /// <summary>Only this repository's runs (<c>owner/name</c>, case-insensitive), if set.</summary>
    public string? Repository { get; init; }

    /// <summary>Only runs with this status, if set.</summary>
    public PipelineStatus? Status { get; init; }

    /// <summary>Only runs with this conclusion, if set.</summary>
    public PipelineConclusion? Conclusion { get; init; }

    /// <summary>Only runs of this branch (exact), if set.</summary>
    public string? Branch { get; init; }

    /// <summary>Only runs of the workflow with this name (case-insensitive), if set.</summary>
    public string? Workflow { get; init; }

    /// <summary>Only runs triggered by this account (case-insensitive), if set.</summary>
    public string? Actor { get; init; }

    /// <summary>Only runs triggered by this event (<c>push</c>...), if set.</summary>
    public string? Event { get; init; }

    /// <summary>Only runs created at or after this time, if set.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only runs created at or before this time, if set.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Runs per page, 1 to <see cref="MaxPerPage"/> (default 20).</summary>
    public int PerPage { get; init; } = 20;

    /// <summary>Whether <paramref name="run"/> passes every filter of this query (paging aside).</summary>
    /// <param name="run">The run.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (Repository is null || string.Equals(run.Repository, Repository, StringComparison.OrdinalIgnoreCase))
            && (Status is null || run.Status == Status)
            && (Conclusion is null || run.Conclusion == Conclusion)
            && (Branch is null || string.Equals(run.Branch, Branch, StringComparison.Ordinal))
            && (Workflow is null || string.Equals(run.WorkflowName, Workflow, StringComparison.OrdinalIgnoreCase))
            && (Actor is null || string.Equals(run.Actor, Actor, StringComparison.OrdinalIgnoreCase))
            && (Event is null || string.Equals(run.Event, Event, StringComparison.OrdinalIgnoreCase))
            && (CreatedFrom is null || run.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || run.CreatedAt <= CreatedTo);
    }
}
