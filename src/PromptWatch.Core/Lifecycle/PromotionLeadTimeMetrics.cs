using System.Diagnostics.Metrics;
using PromptWatch.Diagnostics;
using PromptWatch.Hosting;

namespace PromptWatch.Lifecycle;

/// <summary>
/// The promotion lead time as metrics, in seconds, from the first environment of a repository's watched files to the
/// second (test to prod), as <c>api/drift</c> computes them: <c>promptwatch.promotion.lead_time.median</c>,
/// <c>.last</c> and <c>.slowest</c> per watched repository and use case, and
/// <c>promptwatch.promotion.lead_time.overall.median</c>, <c>.last</c> and <c>.slowest</c> per watched repository over all
/// its use cases. Observed from the published snapshot; computed again only when its timeline or repositories changed.
/// </summary>
internal sealed class PromotionLeadTimeMetrics
{
    public const string MedianName = "promptwatch.promotion.lead_time.median";
    public const string LastName = "promptwatch.promotion.lead_time.last";
    public const string SlowestName = "promptwatch.promotion.lead_time.slowest";
    public const string OverallMedianName = "promptwatch.promotion.lead_time.overall.median";
    public const string OverallLastName = "promptwatch.promotion.lead_time.overall.last";
    public const string OverallSlowestName = "promptwatch.promotion.lead_time.overall.slowest";

    private readonly PromptWatchMonitor _monitor;
    private readonly Lock _gate = new();
    private (long TimelineVersion, string Environments) _computedFor = (-1, string.Empty);
    private Figures _values = new([], []);

    public PromotionLeadTimeMetrics(PromptWatchMonitor monitor, IMeterFactory? meterFactory)
    {
        _monitor = monitor;
        var meter = meterFactory?.Create(PromptWatchTelemetry.MeterName) ?? new Meter(PromptWatchTelemetry.MeterName);
        meter.CreateObservableGauge(MedianName, () => Observe(static f => f.UseCases, static t => t.Median), "s", "Median time from a version's first appearance in the first environment to its appearance in the second, per repository and use case.");
        meter.CreateObservableGauge(LastName, () => Observe(static f => f.UseCases, static t => t.Last), "s", "Lead time of the latest promotion from the first environment to the second, per repository and use case.");
        meter.CreateObservableGauge(SlowestName, () => Observe(static f => f.UseCases, static t => t.Slowest), "s", "Longest lead time of a promotion from the first environment to the second, per repository and use case.");
        meter.CreateObservableGauge(OverallMedianName, () => Observe(static f => f.Repositories, static t => t.Median), "s", "Median promotion lead time from the first environment to the second over all use cases, per repository.");
        meter.CreateObservableGauge(OverallLastName, () => Observe(static f => f.Repositories, static t => t.Last), "s", "Lead time of the latest promotion from the first environment to the second over all use cases, per repository.");
        meter.CreateObservableGauge(OverallSlowestName, () => Observe(static f => f.Repositories, static t => t.Slowest), "s", "Longest promotion lead time from the first environment to the second over all use cases, per repository.");
    }

    private IEnumerable<Measurement<double>> Observe(Func<Figures, IReadOnlyList<Figure>> of, Func<LeadTime, TimeSpan> pick)
    {
        foreach (var figure in of(Current())) yield return new Measurement<double>(pick(figure.LeadTime).TotalSeconds, figure.Tags);
    }

    private Figures Current()
    {
        var snapshot = _monitor.Current;
        // A refresh that found nothing new publishes another snapshot with the same timeline: the figures stay.
        var key = (snapshot.TimelineVersion, string.Join('\n', snapshot.Repositories.Select(static r => r.Name + "\t" + string.Join('\t', RepositoryEnvironments.Of(r)))));
        lock (_gate)
        {
            if (key == _computedFor) return _values;
            var useCases = new List<Figure>();
            var repositories = new List<Figure>();
            foreach (var status in snapshot.Repositories)
            {
                var environments = RepositoryEnvironments.Of(status);
                if (environments.Count < 2) continue;
                var report = DriftAnalysis.Compute(status.Name, snapshot.Timeline, environments[0], environments[1]);
                KeyValuePair<string, object?>[] pair =
                [
                    new("promptwatch.repository", status.Name),
                    new("promptwatch.environment.from", environments[0]),
                    new("promptwatch.environment.to", environments[1]),
                ];
                if (report.LeadTime is { } overall) repositories.Add(new Figure(pair, overall));
                foreach (var useCase in report.UseCases)
                {
                    if (useCase.LeadTime is { } leadTime) useCases.Add(new Figure([.. pair, new("promptwatch.use_case", useCase.UseCase)], leadTime));
                }
            }

            _values = new Figures(useCases, repositories);
            _computedFor = key;
            return _values;
        }
    }

    private sealed record Figure(KeyValuePair<string, object?>[] Tags, LeadTime LeadTime);

    private sealed record Figures(IReadOnlyList<Figure> UseCases, IReadOnlyList<Figure> Repositories);
}
