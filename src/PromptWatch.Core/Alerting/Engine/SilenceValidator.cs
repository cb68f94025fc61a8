using System.Globalization;
using PromptWatch.Alerting.Rules;
using PromptWatch.Parsing;

namespace PromptWatch.Alerting.Engine;

/// <summary>Checks a silence before it is stored; each problem names the field as the API's JSON spells it.</summary>
internal static class SilenceValidator
{
    public static void Validate(IReadOnlyList<LabelMatcher>? matchers, DateTimeOffset? startsAt, DateTimeOffset endsAt, string? createdBy, DateTimeOffset now)
    {
        if (matchers is null || matchers.Count == 0) throw new AlertValidationException("matchers", "A silence needs at least one matcher.");
        for (var i = 0; i < matchers.Count; i++)
        {
            var matcher = matchers[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"matchers[{i}]");
            if (matcher is null || !AlertRuleValidator.IsName(matcher.Name)) throw new AlertValidationException(field + ".name", "A matcher needs a label name of letters, digits, '_', '-' or '.'.");
            if (matcher.Value is null) throw new AlertValidationException(field + ".value", "A matcher needs a value.");
            if (matcher.IsRegex && LinearRegex.Check(matcher.Value) is { } problem) throw new AlertValidationException(field + ".value", problem);
        }

        if (string.IsNullOrWhiteSpace(createdBy)) throw new AlertValidationException("created_by", "Who creates the silence must be given.");
        var start = startsAt ?? now;
        if (endsAt <= start) throw new AlertValidationException("ends_at", "A silence must end after it starts.");
        if (endsAt <= now) throw new AlertValidationException("ends_at", "A silence must end in the future.");
    }
}
