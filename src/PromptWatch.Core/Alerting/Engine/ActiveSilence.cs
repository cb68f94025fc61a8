using System.Text.RegularExpressions;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Alerting.Engine;

/// <summary>A silence in force with its matchers compiled.</summary>
internal sealed class ActiveSilence
{
    private readonly (LabelMatcher Matcher, Regex? Pattern)[] _matchers;

    public ActiveSilence(Silence silence)
    {
        Silence = silence;
        _matchers = [.. silence.Matchers.Select(static m => (m, m.IsRegex ? LabelFilter.Anchored(m.Value) : null))];
    }

    public Silence Silence { get; }

    /// <summary>Whether every matcher matches the alert's labels (with <c>severity</c>); a missing label is the empty string.</summary>
    public bool Matches(Alert alert)
    {
        foreach (var (matcher, pattern) in _matchers)
        {
            var value = matcher.Name == "severity" && !alert.Labels.ContainsKey("severity")
                ? AlertText.Severity(alert.Severity)
                : alert.Labels.GetValueOrDefault(matcher.Name, string.Empty);
            var matches = pattern?.IsMatch(value) ?? string.Equals(value, matcher.Value, StringComparison.Ordinal);
            if (matches != matcher.IsEqual) return false;
        }

        return true;
    }
}
