using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;
using PromptWatch.Model;

namespace PromptWatch.Results;

/// <summary>
/// Evaluation coverage as a metric: <c>promptwatch.evaluation.changes</c>, the changes on the published timeline (a use
/// case added or changed; removals and unreadable versions are not evaluated) per repository, environment and
/// <c>promptwatch.results.state</c> (<c>found</c>, <c>none</c>, <c>unknown</c> while a store cannot be listed,
/// <c>not_configured</c>), the states of the timeline's <c>eval_results_status</c>. Every state is observed for each
/// repository and environment that has changes, zero included, so that the share found over found and none is defined
/// for an environment where nothing is evaluated. Observed from the published snapshot; counted again only when it changed.
/// </summary>
internal sealed class EvaluationCoverageMetrics
{
    public const string Name = "promptwatch.evaluation.changes";

    private static readonly string[] States = ["found", "none", "unknown", "not_configured"];

    private readonly PromptWatchMonitor _monitor;
    private readonly Lock _gate = new();
    private long _version = -1;
    private IReadOnlyList<Measurement<long>> _values = [];

    public EvaluationCoverageMetrics(PromptWatchMonitor monitor, IMeterFactory? meterFactory)
    {
        _monitor = monitor;
        var meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        meter.CreateObservableGauge(Name, Current, "{change}", "Changes of use cases on the timeline, per repository, environment and evaluation results state (found, none, unknown, not_configured).");
    }

    private IReadOnlyList<Measurement<long>> Current()
    {
        var snapshot = _monitor.Current;
        lock (_gate)
        {
            if (snapshot.Version == _version) return _values;
            _values = Count(snapshot.Timeline);
            _version = snapshot.Version;
            return _values;
        }
    }

    /// <summary>The measurements of a timeline: per repository and environment with changes, one per state.</summary>
    internal static IReadOnlyList<Measurement<long>> Count(IEnumerable<TimelineEntry> timeline)
    {
        var counts = new Dictionary<(string Repository, string Environment), long[]>();
        foreach (var entry in timeline)
        {
            var change = entry.Change;
            if (change.Kind is ChangeKind.Error or ChangeKind.Removed || change.UseCase is null) continue;
            var key = (entry.Repository, change.Environment);
            if (!counts.TryGetValue(key, out var byState)) counts[key] = byState = new long[States.Length];
            byState[entry.ResultsState switch
            {
                EvaluationResultsState.Found => 0,
                EvaluationResultsState.None => 1,
                EvaluationResultsState.Unknown => 2,
                _ => 3,
            }]++;
        }

        var values = new List<Measurement<long>>(counts.Count * States.Length);
        foreach (var ((repository, environment), byState) in counts.OrderBy(static c => c.Key.Repository, StringComparer.Ordinal).ThenBy(static c => c.Key.Environment, StringComparer.Ordinal))
        {
            for (var i = 0; i < States.Length; i++)
            {
                values.Add(new Measurement<long>(byState[i],
                    new KeyValuePair<string, object?>("promptwatch.repository", repository),
                    new KeyValuePair<string, object?>("promptwatch.environment", environment),
                    new KeyValuePair<string, object?>("promptwatch.results.state", States[i])));
            }
        }

        return values;
    }
}
