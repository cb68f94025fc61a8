using PromptWatch.Model;
using PromptWatch.Results;

namespace PromptWatch.Cli.Gate;

/// <summary>
/// Decides, for each change of the watched environments, whether its commit has an evaluation report: a result of the
/// commit whose use case is the change's (or names none), as the host's timeline and <c>unevaluated_prod_change</c>
/// alert decide it. A change without one is unevaluated once its commit is older than the grace period.
/// </summary>
internal static class EvaluationGate
{
    /// <summary>The verdicts, newest change first; removals and unreadable file versions are not changes to evaluate.</summary>
    public static IReadOnlyList<GateChange> Judge(IEnumerable<ChangeEntry> timeline, EvaluationResultIndex index, ISet<string> environments, Func<string, bool> inRange, DateTimeOffset now, TimeSpan grace)
    {
        var due = now - grace;
        var seen = new HashSet<(string, string, string)>();
        var changes = new List<GateChange>();
        foreach (var change in timeline)
        {
            if (change.Kind is ChangeKind.Error or ChangeKind.Removed || change.UseCase is null) continue;
            if (!environments.Contains(change.Environment) || !inRange(change.Commit.Sha)) continue;
            if (!seen.Add((change.Commit.Sha, change.Environment, change.UseCase))) continue;
            var reports = index.Find(change.Commit.Sha)
                .Where(r => r.UseCase is null || string.Equals(r.UseCase, change.UseCase, StringComparison.Ordinal))
                .Select(static r => r.Key)
                .ToArray();
            var outcome = reports.Length > 0 ? GateOutcome.Evaluated : change.Commit.Date <= due ? GateOutcome.Unevaluated : GateOutcome.WithinGrace;
            changes.Add(new GateChange(change.Commit.Sha, change.Commit.Date, change.Commit.Subject, change.Environment, change.UseCase,
                $"{change.Commit.ShortSha}/{change.UseCase}_results.html", outcome, reports));
        }

        return changes;
    }
}
