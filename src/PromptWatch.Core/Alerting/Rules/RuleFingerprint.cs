using System.Text.Json;

namespace PromptWatch.Alerting.Rules;

/// <summary>Tells whether two rule values say the same (a store may hand out new instances on every read).</summary>
internal static class RuleFingerprint
{
    public static string Of(AlertRule rule) => JsonSerializer.Serialize(rule);

    /// <summary>Whether <paramref name="rule"/> says what the rule of <paramref name="fingerprint"/> said; the same instance is not serialised.</summary>
    public static bool Same(AlertRule known, string fingerprint, AlertRule rule) => ReferenceEquals(known, rule) || fingerprint == Of(rule);
}
