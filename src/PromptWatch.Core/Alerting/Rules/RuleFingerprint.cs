using System.Text.Json;

namespace PromptWatch.Alerting.Rules;

/// <summary>Tells whether two rule values say the same (a store may hand out new instances on every read).</summary>
internal static class RuleFingerprint
{
    public static string Of(AlertRule rule) => JsonSerializer.Serialize(rule);

    /// <summary>
    /// Whether <paramref name="rule"/> says what the rule of <paramref name="fingerprint"/> said. The same instance, or
    /// an equal one (<see cref="RuleEquality"/>, what a store that deserialises on every read hands out), is not
    /// serialised: only a rule that differs is, to tell a difference that serialises alike.
    /// </summary>
    public static bool Same(AlertRule known, string fingerprint, AlertRule rule) =>
        ReferenceEquals(known, rule) || RuleEquality.Equal(known, rule) || fingerprint == Of(rule);
}
