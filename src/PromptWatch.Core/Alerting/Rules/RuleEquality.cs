namespace PromptWatch.Alerting.Rules;

/// <summary>
/// Rule values compared by content: the records' own equality for their scalar members, their dictionaries and lists
/// by entries (a deserialised rule has new collections).
/// </summary>
internal static class RuleEquality
{
    public static bool Equal(AlertRule a, AlertRule b) =>
        Entries(a.Labels, b.Labels)
        && Items(a.Channels, b.Channels)
        && Equal(a.Metric, b.Metric)
        && Equal(a.Event, b.Event)
        && Scalars(a) == Scalars(b);

    private static bool Equal(MetricCondition? a, MetricCondition? b) =>
        a is null || b is null
            ? a is null && b is null
            : Entries(a.Filter, b.Filter) && Entries(a.DenominatorFilter, b.DenominatorFilter) && Items(a.GroupBy, b.GroupBy) && Scalars(a) == Scalars(b);

    private static bool Equal(EventCondition? a, EventCondition? b) =>
        a is null || b is null
            ? a is null && b is null
            : Entries(a.Filter, b.Filter) && Items(a.GroupBy, b.GroupBy) && Scalars(a) == Scalars(b);

    // The record with its collections and conditions replaced by shared empty ones: what is left compares by value.
    private static AlertRule Scalars(AlertRule rule) => rule with { Labels = NoEntries, Channels = NoItems, Metric = null, Event = null };

    private static MetricCondition Scalars(MetricCondition metric) => metric with { Filter = NoEntries, DenominatorFilter = NoEntries, GroupBy = NoItems };

    private static EventCondition Scalars(EventCondition condition) => condition with { Filter = NoEntries, GroupBy = null };

    // Both ways, so that a dictionary whose comparer ignores case does not find another's key of a different case.
    private static bool Entries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        ReferenceEquals(a, b) || (a.Count == b.Count && Within(a, b) && Within(b, a));

    private static bool Within(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal)) return false;
        }

        return true;
    }

    private static bool Items(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    private static readonly IReadOnlyDictionary<string, string> NoEntries = new Dictionary<string, string>();

    private static readonly IReadOnlyList<string> NoItems = [];
}
