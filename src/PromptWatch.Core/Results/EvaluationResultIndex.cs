using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PromptWatch.Results;

/// <summary>
/// Result files by commit folder, built from one listing of a store. Finding a commit's files costs
/// at most 34 dictionary look-ups (one per abbreviation length), whatever the number of files.
/// </summary>
public sealed class EvaluationResultIndex
{
    private readonly FrozenDictionary<string, ImmutableArray<EvaluationResult>> _byCommitPrefix;

    /// <summary>Builds the index from classified files.</summary>
    /// <param name="results">Files from <see cref="EvaluationResultLayout.Classify"/>.</param>
    public EvaluationResultIndex(IEnumerable<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        _byCommitPrefix = results
            .GroupBy(static r => r.CommitPrefix, StringComparer.Ordinal)
            .ToFrozenDictionary(static g => g.Key, static g => Sort(g), StringComparer.Ordinal);
        Count = _byCommitPrefix.Values.Sum(static files => files.Length);
        SampleKeys = [.. _byCommitPrefix.Values.SelectMany(static files => files).Select(static r => r.Key).Order(StringComparer.Ordinal).Take(5)];
    }

    /// <summary>An index without files.</summary>
    public static EvaluationResultIndex Empty { get; } = new([]);

    /// <summary>Up to five keys of the index, in order, for diagnostics.</summary>
    public ImmutableArray<string> SampleKeys { get; }

    /// <summary>Every file of the index, by commit folder.</summary>
    public IEnumerable<EvaluationResult> All => _byCommitPrefix.Values.SelectMany(static files => files);

    /// <summary>The number of result files.</summary>
    public int Count { get; }

    /// <summary>The files under any folder named by an abbreviation (7 to 40 characters) of <paramref name="commitSha"/>.</summary>
    /// <param name="commitSha">A full commit sha.</param>
    /// <returns>The files, evaluations first.</returns>
    public ImmutableArray<EvaluationResult> Find(string commitSha)
    {
        ArgumentNullException.ThrowIfNull(commitSha);
        var sha = commitSha.ToLowerInvariant();
        var found = ImmutableArray<EvaluationResult>.Empty;
        var folders = 0;
        for (var length = 7; length <= Math.Min(40, sha.Length); length++)
        {
            if (!_byCommitPrefix.TryGetValue(sha[..length], out var files)) continue;
            found = found.AddRange(files);
            folders++;
        }

        // Each folder's files are already in order; files from several folders are merged into one order.
        return folders > 1 ? Sort(found) : found;
    }

    private static ImmutableArray<EvaluationResult> Sort(IEnumerable<EvaluationResult> results) =>
        results.OrderBy(static r => r.Kind).ThenBy(static r => r.Key, StringComparer.Ordinal).ToImmutableArray();
}
