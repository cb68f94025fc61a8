using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Engine;

/// <summary>An event rule with its filter compiled.</summary>
internal sealed class EventRuleState(AlertRule rule)
{
    private readonly LabelFilter _filter = new(rule.Event?.Filter);

    private string? _fingerprint;

    public AlertRule Rule { get; } = rule;

    /// <summary>What the rule says, serialised once, for telling a changed rule from a new instance of the same one.</summary>
    public string Fingerprint => _fingerprint ??= RuleFingerprint.Of(Rule);

    public EventCondition Condition { get; } = rule.Event ?? throw new ArgumentException("The rule has no event condition.", nameof(rule));

    /// <summary>Whether the event is of the rule's kind and its labels pass the filter (a clearing event: those it carries).</summary>
    public bool Matches(AlertEvent alertEvent) =>
        string.Equals(alertEvent.Kind, Condition.Kind, StringComparison.Ordinal) && _filter.Matches(alertEvent.Labels, ignoreMissing: alertEvent.Clears);

    /// <summary>The labels of the event's alert: the rule's, the group-by labels (or all the event's) and <c>alertname</c>.</summary>
    public Dictionary<string, string> LabelsOf(AlertEvent alertEvent)
    {
        if (Condition.GroupBy is not { } groupBy) return AlertLabels.Of(Rule, alertEvent.Labels);
        var group = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in groupBy) group[name] = alertEvent.Labels.GetValueOrDefault(name, string.Empty);
        return AlertLabels.Of(Rule, group);
    }
}
