using System.Text.Json;

namespace PromptWatch.Alerting.Rules;

/// <summary>Tells whether two rule values say the same (stores hand out new instances on every read).</summary>
internal static class RuleFingerprint
{
    public static string Of(AlertRule rule) => JsonSerializer.Serialize(rule);

    public static bool Same(AlertRule a, AlertRule b) => ReferenceEquals(a, b) || Of(a) == Of(b);
}
