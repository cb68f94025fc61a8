using PromptWatch.Alerting;
using PromptWatch.Alerting.Rules;

namespace PromptWatch.Cli.Generation;

/// <summary>The rules the engine holds by default, and those with a file's rules added (a file's rule replaces a default of its name, as in the engine).</summary>
internal static class EngineRules
{
    public static IReadOnlyList<AlertRule> Defaults => DefaultAlertRules.All;

    public static IReadOnlyList<AlertRule> With(IEnumerable<AlertRule> extra)
    {
        var rules = Defaults.ToDictionary(static r => r.Name, StringComparer.Ordinal);
        foreach (var rule in extra) rules[rule.Name] = rule;
        return [.. rules.Values];
    }
}
