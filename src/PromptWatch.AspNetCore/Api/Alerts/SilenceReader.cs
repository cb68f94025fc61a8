using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PromptWatch.Alerting;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>
/// Reads a silence to create: <c>{matchers: [{name, value, is_regex, is_equal}], starts_at?, ends_at | duration, comment}</c>,
/// <c>duration</c> as seconds or as <c>30m</c>, <c>2h</c>, <c>1d</c>.
/// </summary>
internal static partial class SilenceReader
{
    private static readonly string[] Fields = ["matchers", "starts_at", "ends_at", "duration", "comment"];
    private static readonly string[] MatcherFields = ["name", "value", "is_regex", "is_equal"];

    public static SilenceRequest Read(JsonElement body, DateTimeOffset now)
    {
        var fields = JsonField.Object(body, string.Empty, Fields);
        if (!JsonField.TryGet(fields, "matchers", out var matchersElement) || matchersElement.ValueKind != JsonValueKind.Array)
        {
            throw JsonField.Invalid("matchers", "'matchers' must be an array of {name, value, is_regex, is_equal}.");
        }

        var matchers = new List<LabelMatcher>();
        var index = 0;
        foreach (var item in matchersElement.EnumerateArray())
        {
            var path = JsonField.Item("matchers", index++);
            var matcher = JsonField.Object(item, path, MatcherFields);
            var name = JsonField.RequiredString(matcher, path, "name");
            var value = JsonField.RequiredString(matcher, path, "value");
            var isRegex = JsonField.TryGet(matcher, "is_regex", out var regex) && JsonField.Boolean(regex, path + ".is_regex");
            var isEqual = !JsonField.TryGet(matcher, "is_equal", out var equal) || JsonField.Boolean(equal, path + ".is_equal");
            matchers.Add(new LabelMatcher(name, value, isRegex, isEqual));
        }

        DateTimeOffset? startsAt = JsonField.TryGet(fields, "starts_at", out var start) ? JsonField.Time(start, "starts_at") : null;
        var hasEnd = JsonField.TryGet(fields, "ends_at", out var end);
        var hasDuration = JsonField.TryGet(fields, "duration", out var duration);
        if (hasEnd == hasDuration) throw JsonField.Invalid(hasEnd ? "duration" : "ends_at", "Give either 'ends_at' or 'duration' (seconds, or as in 30m, 2h, 1d), not both and not neither.");
        // A duration counts from the start: now, when none is given, so that the silence lasts exactly as long.
        if (hasDuration) startsAt ??= now;
        var endsAt = hasEnd ? JsonField.Time(end, "ends_at") : startsAt!.Value + Duration(duration);
        var comment = JsonField.OptionalString(fields, string.Empty, "comment") ?? string.Empty;
        return new SilenceRequest(matchers, startsAt, endsAt, comment);
    }

    private static TimeSpan Duration(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number) return JsonField.Seconds(element, "duration");
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        var match = DurationPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            throw JsonField.Invalid("duration", $"'duration' must be a positive number of seconds or a duration such as 30m, 2h or 1d, not {element.GetRawText()}.");
        }

        var seconds = amount * match.Groups[2].Value switch { "s" => 1, "m" => 60, "h" => 3600, _ => 86400 };
        return seconds < TimeSpan.FromDays(3650).TotalSeconds ? TimeSpan.FromSeconds(seconds) : throw JsonField.Invalid("duration", "'duration' must be under ten years.");
    }

    [GeneratedRegex(@"^([0-9]{1,9}(?:\.[0-9]{1,6})?)(s|m|h|d)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DurationPattern();
}

/// <summary>A silence as a request asks for it, before the engine validates and stores it.</summary>
internal sealed record SilenceRequest(IReadOnlyList<LabelMatcher> Matchers, DateTimeOffset? StartsAt, DateTimeOffset EndsAt, string Comment);
