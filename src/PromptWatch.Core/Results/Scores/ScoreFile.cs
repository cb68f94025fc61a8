using System.Collections.Immutable;

namespace PromptWatch.Results;

/// <summary>What one score file held: its metrics in file order, or why it could not be read.</summary>
/// <param name="Metrics">The metrics; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the file is unusable (malformed, oversized, unreadable), or <see langword="null"/>.</param>
public sealed record ScoreFile(ImmutableArray<ScoreMetric> Metrics, string? Error)
{
    /// <summary>A file that could not be used.</summary>
    /// <param name="error">Why.</param>
    /// <returns>The file.</returns>
    public static ScoreFile Failed(string error) => new([], error);
}
