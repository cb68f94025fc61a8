namespace PromptWatch.Alerting;

/// <summary>
/// The key of an alert group: the rule's name and the alert's labels but <c>alertname</c>, sorted
/// (<c>rule{a=x,b=y}</c>). One open alert per key; notifications are grouped by it.
/// </summary>
internal static class AlertGroupKey
{
    public static string Of(Alert alert) => Of(alert.Rule, alert.Labels);

    public static string Of(string rule, IReadOnlyDictionary<string, string> labels)
    {
        var parts = labels.Where(static l => l.Key != AlertLabels.AlertName).Select(static l => l.Key + "=" + l.Value).ToArray();
        if (parts.Length == 0) return rule;
        Array.Sort(parts, StringComparer.Ordinal);
        return rule + "{" + string.Join(",", parts) + "}";
    }
}

/// <summary>The labels of a new alert: the rule's, the group's and <c>alertname</c>.</summary>
internal static class AlertLabels
{
    public const string AlertName = "alertname";

    public static Dictionary<string, string> Of(AlertRule rule, IReadOnlyDictionary<string, string> group)
    {
        var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal);
        foreach (var (name, value) in group) labels[name] = value;
        labels[AlertName] = rule.Name;
        return labels;
    }
}
