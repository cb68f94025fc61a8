namespace PromptWatch.Alerting;

/// <summary>
/// Something that happened which event rules may alert on: a build failure, a sensitive file pushed, a refresh that
/// failed. Publishers describe it with labels (repository, branch, workflow...) and a sentence.
/// </summary>
/// <param name="Kind">What happened: one of <see cref="AlertEventKinds"/> or a host's own kind.</param>
/// <param name="Labels">What it is about; rules filter and group on these.</param>
/// <param name="Summary">A line for people (never a secret).</param>
/// <param name="At">When it happened.</param>
public sealed record AlertEvent(string Kind, IReadOnlyDictionary<string, string> Labels, string Summary, DateTimeOffset At)
{
    /// <summary>A page about it (the commit, the run, the issue), if any.</summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// <see langword="true"/> when the event says the condition of its kind has ended for these labels (the repository
    /// refreshed again, the store answers again): the matching alerts resolve.
    /// </summary>
    public bool Clears { get; init; }

    /// <summary>An id of the occurrence (a webhook delivery id), so that one occurrence published twice alerts once.</summary>
    public string? OccurrenceId { get; init; }
}
