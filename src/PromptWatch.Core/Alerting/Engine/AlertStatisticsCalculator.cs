namespace PromptWatch.Alerting.Engine;

/// <summary>Counts and mean times to acknowledge and to resolve, per rule and per severity, over the kept alerts.</summary>
internal static class AlertStatisticsCalculator
{
    public static AlertStatistics Of(IReadOnlyList<Alert> alerts)
    {
        var fired = alerts.Where(static a => a.FiredAt is not null).ToList();
        var rules = fired.GroupBy(static a => a.Rule, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal)
            .Select(static g => { var (f, r, o, mtta, mttr) = Measure(g); return new AlertRuleStatistics(g.Key, f, r, o, mtta, mttr); })
            .ToList();
        var severities = fired.GroupBy(static a => a.Severity).OrderBy(static g => g.Key)
            .Select(static g => { var (f, r, o, mtta, mttr) = Measure(g); return new AlertSeverityStatistics(g.Key, f, r, o, mtta, mttr); })
            .ToList();
        return new AlertStatistics(rules, severities);
    }

    private static (int Fired, int Resolved, int Open, TimeSpan? Mtta, TimeSpan? Mttr) Measure(IEnumerable<Alert> alerts)
    {
        var list = alerts.ToList();
        var resolved = list.Where(static a => a.State == AlertState.Resolved && a.Resolution is not null).ToList();
        var acknowledged = list.Where(static a => a.Acknowledgement is not null).ToList();
        var open = list.Count(static a => a.State is AlertState.Firing or AlertState.Acknowledged or AlertState.Suppressed);
        return (list.Count, resolved.Count, open, Mean(acknowledged.Select(static a => a.Acknowledgement!.At - a.FiredAt!.Value)), Mean(resolved.Select(static a => a.Resolution!.At - a.FiredAt!.Value)));
    }

    private static TimeSpan? Mean(IEnumerable<TimeSpan> spans)
    {
        var list = spans.ToList();
        return list.Count == 0 ? null : TimeSpan.FromTicks((long)list.Average(static s => s.Ticks));
    }
}
