using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;

namespace PromptWatch.Lifecycle;

/// <summary>
/// The promotion lead time as metrics: <c>promptwatch.promotion.lead_time.median</c> and
/// <c>promptwatch.promotion.lead_time.last</c> (seconds), per watched repository and use case, from the first environment of
/// its watched files to the second (test to prod), as <c>api/drift</c> computes them. Observed from the published snapshot;
/// computed again only when its timeline or repositories changed.
/// </summary>
internal sealed class PromotionLeadTimeMetrics
{
    public const string MedianName = "promptwatch.promotion.lead_time.median";
    public const string LastName = "promptwatch.promotion.lead_time.last";

    private readonly PromptWatchMonitor _monitor;
    private readonly Lock _gate = new();
    private (long TimelineVersion, string Environments) _computedFor = (-1, string.Empty);
    private IReadOnlyList<(KeyValuePair<string, object?>[] Tags, double Median, double Last)> _values = [];

    public PromotionLeadTimeMetrics(PromptWatchMonitor monitor, IMeterFactory? meterFactory)
    {
        _monitor = monitor;
        var meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        meter.CreateObservableGauge(MedianName, () => Observe(static v => v.Median), "s", "Median time from a version's first appearance in the first environment to its appearance in the second, per repository and use case.");
        meter.CreateObservableGauge(LastName, () => Observe(static v => v.Last), "s", "Lead time of the latest promotion from the first environment to the second, per repository and use case.");
    }

    private IEnumerable<Measurement<double>> Observe(Func<(KeyValuePair<string, object?>[] Tags, double Median, double Last), double> pick)
    {
        foreach (var value in Current()) yield return new Measurement<double>(pick(value), value.Tags);
    }

    private IReadOnlyList<(KeyValuePair<string, object?>[] Tags, double Median, double Last)> Current()
    {
        var snapshot = _monitor.Current;
        // A refresh that found nothing new publishes another snapshot with the same timeline: the figures stay.
        var key = (snapshot.TimelineVersion, string.Join('\n', snapshot.Repositories.Select(static r => r.Name + "\t" + string.Join('\t', RepositoryEnvironments.Of(r)))));
        lock (_gate)
        {
            if (key == _computedFor) return _values;
            var values = new List<(KeyValuePair<string, object?>[], double, double)>();
            foreach (var status in snapshot.Repositories)
            {
                var environments = RepositoryEnvironments.Of(status);
                if (environments.Count < 2) continue;
                var report = DriftAnalysis.Compute(status.Name, snapshot.Timeline, environments[0], environments[1]);
                foreach (var useCase in report.UseCases)
                {
                    if (useCase.LeadTime is not { } leadTime) continue;
                    KeyValuePair<string, object?>[] tags =
                    [
                        new("promptwatch.repository", status.Name),
                        new("promptwatch.use_case", useCase.UseCase),
                        new("promptwatch.environment.from", environments[0]),
                        new("promptwatch.environment.to", environments[1]),
                    ];
                    values.Add((tags, leadTime.Median.TotalSeconds, leadTime.Last.TotalSeconds));
                }
            }

            _values = values;
            _computedFor = key;
            return _values;
        }
    }
}
