namespace PromptWatch.Counters;

/// <summary>
/// Named 64-bit counters with optional expiry, and set-once markers (for example to deduplicate
/// webhook deliveries). The in-memory store serves one process; a distributed store (Redis) serves
/// several replicas. Implementations are thread-safe and atomic per operation.
/// </summary>
public interface ICounterStore
{
    /// <summary>Adds <paramref name="delta"/> to a counter (created at 0) and returns the new value.</summary>
    /// <param name="name">The counter.</param>
    /// <param name="delta">The amount to add (may be negative).</param>
    /// <param name="expireAfter">When set, the counter disappears this long after its creation; used for time-series buckets.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>The counter's value after the increment.</returns>
    ValueTask<long> IncrementAsync(string name, long delta = 1, TimeSpan? expireAfter = null, CancellationToken cancellationToken = default);

    /// <summary>The values of several counters; a missing or expired counter reads 0.</summary>
    /// <param name="names">The counters.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>Each name with its value.</returns>
    ValueTask<IReadOnlyDictionary<string, long>> GetAsync(IEnumerable<string> names, CancellationToken cancellationToken = default);

    /// <summary>Deletes counters (and markers).</summary>
    /// <param name="names">What to delete.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>A task that completes when they are gone.</returns>
    ValueTask DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default);

    /// <summary>Sets a marker unless it is already set: <see langword="true"/> for the first caller only, until it expires.</summary>
    /// <param name="name">The marker.</param>
    /// <param name="expireAfter">How long the marker lives.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>Whether this call set it.</returns>
    ValueTask<bool> TrySetMarkerAsync(string name, TimeSpan expireAfter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies several increments at most once per marker, atomically: when <paramref name="marker"/> is
    /// live nothing changes; otherwise the marker is set and every increment is applied, all or none.
    /// Processing an event with its delivery id as the marker can then be retried after a failure
    /// without ever counting it twice.
    /// </summary>
    /// <param name="marker">The marker that says the increments were applied (for example a delivery id).</param>
    /// <param name="markerLifetime">How long the marker lives.</param>
    /// <param name="increments">What to add.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns><see langword="true"/> when this call applied the increments, <see langword="false"/> when the marker was already set.</returns>
    ValueTask<bool> ApplyOnceAsync(string marker, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies several increments at most once per marker, atomically, as <see cref="ApplyOnceAsync(string, TimeSpan, IReadOnlyList{CounterIncrement}, CancellationToken)"/>,
    /// and keeps <paramref name="attemptId"/> with the marker. A caller that retries after a failure passes the same id
    /// and so learns whether its own earlier call applied the increments (<see cref="ApplyOnceOutcome.AppliedBySameAttempt"/>: a
    /// time-out after the store had carried it out) or another attempt did (<see cref="ApplyOnceOutcome.AlreadyApplied"/>: a
    /// redelivery); either way nothing is applied twice.
    /// </summary>
    /// <param name="marker">The marker that says the increments were applied (for example a delivery id).</param>
    /// <param name="attemptId">Who applies them: the same for every retry of one attempt, another for each attempt (for example a new GUID).</param>
    /// <param name="markerLifetime">How long the marker lives.</param>
    /// <param name="increments">What to add.</param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>Whether this call applied the increments, an earlier call of the same attempt did, or another attempt did.</returns>
    ValueTask<ApplyOnceOutcome> ApplyOnceAsync(string marker, string attemptId, TimeSpan markerLifetime, IReadOnlyList<CounterIncrement> increments, CancellationToken cancellationToken = default);
}
