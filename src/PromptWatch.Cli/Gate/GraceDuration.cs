using System.Globalization;

namespace PromptWatch.Cli.Gate;

/// <summary>Durations as <c>--grace</c> takes them: a number with a unit (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>7d</c>) or <c>hh:mm:ss</c>.</summary>
internal static class GraceDuration
{
    /// <exception cref="PromptWatchException">The text is not a duration, or is negative.</exception>
    public static TimeSpan Parse(string text)
    {
        var value = text.Trim();
        if (value.Length > 1 && double.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? parsed = char.ToLowerInvariant(value[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } unit) return unit;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero) return span;
        throw new PromptWatchException($"--grace must be a duration such as 90s, 30m, 2h, 7d or 01:30:00 (got '{text}').");
    }
}
