using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using PromptWatch.Alerting;
using PromptWatch.Alerting.Events;
using PromptWatch.Model;

namespace PromptWatch.Benchmarks;

/// <summary>
/// The <c>unevaluated_prod_change</c> check after a refresh, on a timeline of 100,000 entries (one commit an hour, prod
/// and test, newest first, a third of the prod changes without a report): the check visits the 7-day look-back only
/// (its alerts already published: the steady state of every poll), against a walk of the whole timeline.
/// </summary>
[MemoryDiagnoser]
public class UnevaluatedChangeBenchmarks
{
    private const int Entries = 100_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private ImmutableArray<TimelineEntry> _timeline;
    private UnevaluatedProdChanges _check = null!;
    private long _version;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var entries = ImmutableArray.CreateBuilder<TimelineEntry>(Entries);
        for (var i = 0; i < Entries; i++)
        {
            var commit = new CommitInfo($"{i:x40}", Now.AddHours(-(i / 2)), "change", "Author", "author@example.com");
            var environment = i % 2 == 0 ? "prod" : "test";
            var change = new ChangeEntry(ChangeKind.Changed, environment, $"use-case-{i % 20}", null, commit, $"chart/values-{environment}.yaml", [], null, null, null, false);
            entries.Add(new TimelineEntry("prompts", change, [], i % 3 == 0 ? EvaluationResultsState.None : EvaluationResultsState.Found));
        }

        _timeline = entries.MoveToImmutable();
        _check = new UnevaluatedProdChanges(new NullPublisher(), new FixedClock(Now), new AlertingOptions());
        _check.Check(++_version, _timeline);
    }

    /// <summary>The check of one refresh: the entries inside the look-back, nothing new to publish.</summary>
    [Benchmark]
    public int CheckAfterRefresh()
    {
        _check.Check(++_version, _timeline);
        return _check.Open;
    }

    /// <summary>What a check of every entry would cost: one pass over the 100,000, counting unevaluated prod changes.</summary>
    [Benchmark(Baseline = true)]
    public int WalkWholeTimeline()
    {
        var count = 0;
        foreach (var entry in _timeline)
        {
            if (entry.ResultsState == EvaluationResultsState.None && string.Equals(entry.Change.Environment, "prod", StringComparison.OrdinalIgnoreCase)) count++;
        }

        return count;
    }

    private sealed class NullPublisher : IAlertEventPublisher
    {
        public void Publish(AlertEvent alertEvent)
        {
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
