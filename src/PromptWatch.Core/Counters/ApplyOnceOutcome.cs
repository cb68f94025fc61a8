namespace PromptWatch.Counters;

/// <summary>What a call of <see cref="ICounterStore.ApplyOnceAsync(string, string, TimeSpan, IReadOnlyList{CounterIncrement}, CancellationToken)"/> found.</summary>
public enum ApplyOnceOutcome
{
    /// <summary>The marker was not set: this call set it, with its attempt id, and applied the increments.</summary>
    Applied,

    /// <summary>
    /// The marker was set by an earlier call with the same attempt id: that call applied the increments but its caller did
    /// not learn it (a time-out after the store had carried it out). Nothing changed now; the caller's work is still to do.
    /// </summary>
    AppliedBySameAttempt,

    /// <summary>The marker was set by another attempt (a redelivery of something already applied): nothing changed.</summary>
    AlreadyApplied,
}
