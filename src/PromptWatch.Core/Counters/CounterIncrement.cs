namespace PromptWatch.Counters;

/// <summary>One addition to a counter, applied as part of <see cref="ICounterStore.ApplyOnceAsync(string, string, TimeSpan, IReadOnlyList{CounterIncrement}, CancellationToken)"/>.</summary>
/// <param name="Name">The counter.</param>
/// <param name="Delta">The amount to add (may be negative).</param>
/// <param name="ExpireAfter">When set, the counter disappears this long after its creation; used for time-series buckets.</param>
public readonly record struct CounterIncrement(string Name, long Delta = 1, TimeSpan? ExpireAfter = null);
