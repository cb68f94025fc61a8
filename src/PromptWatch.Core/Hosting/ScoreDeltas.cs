using System.Collections.Immutable;
using PromptWatch.Model;
using PromptWatch.Results;

namespace PromptWatch.Hosting;

/// <summary>
/// Gives each change's score metrics their difference from the previous evaluated version of the same use case in the same
/// environment (of the same repository), and tells which moved the wrong way by more than the thresholds.
/// </summary>
internal sealed class ScoreDeltas(double? drop, double? relativeDrop)
{
    /// <summary>Whether going from <paramref name="previous"/> to <paramref name="value"/> is a regression.</summary>
    public bool IsRegression(double previous, double value, ScoreDirection direction)
    {
        if (drop is null && relativeDrop is null) return false;
        var worse = direction == ScoreDirection.Higher ? previous - value : value - previous;
        if (worse <= 0) return false;
        if (drop is { } absolute && !(worse > absolute)) return false;
        if (relativeDrop is { } relative && !(previous != 0 && worse / Math.Abs(previous) > relative)) return false;
        return true;
    }

    /// <summary>Attaches scores to <paramref name="entries"/> (newest first); <paramref name="files"/> holds each entry's score file or <see langword="null"/>.</summary>
    public ImmutableArray<TimelineEntry> Attach(ImmutableArray<TimelineEntry> entries, ScoreFile?[] files)
    {
        var builder = entries.ToBuilder();
        var last = new Dictionary<(string Repository, string Environment, string UseCase), Dictionary<string, (double Value, string Commit)>>();
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (files[i] is not { } file) continue;
            var entry = entries[i];
            if (file.Error is { } error)
            {
                builder[i] = entry with { ScoresError = error };
                continue;
            }

            var key = (entry.Repository, entry.Change.Environment, entry.Change.UseCase ?? string.Empty);
            if (!last.TryGetValue(key, out var previous)) last[key] = previous = new(StringComparer.Ordinal);
            var scores = ImmutableArray.CreateBuilder<ChangeScore>(file.Metrics.Length);
            foreach (var metric in file.Metrics)
            {
                if (previous.TryGetValue(metric.Name, out var before))
                {
                    scores.Add(new ChangeScore(metric.Name, metric.Value, metric.Direction, before.Value, before.Commit, metric.Value - before.Value, IsRegression(before.Value, metric.Value, metric.Direction)));
                }
                else
                {
                    scores.Add(new ChangeScore(metric.Name, metric.Value, metric.Direction, null, null, null, false));
                }
            }

            foreach (var metric in file.Metrics) previous[metric.Name] = (metric.Value, entry.Change.Commit.Sha);
            builder[i] = entry with { Scores = scores.MoveToImmutable() };
        }

        return builder.MoveToImmutable();
    }
}
