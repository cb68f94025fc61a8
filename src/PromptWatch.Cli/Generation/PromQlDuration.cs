using System.Globalization;

namespace PromptWatch.Cli.Generation;

/// <summary>Durations as PromQL and Prometheus configuration write them (<c>5m</c>, <c>90s</c>, <c>1h</c>, <c>250ms</c>).</summary>
internal static class PromQlDuration
{
    public static string Format(TimeSpan duration)
    {
        var milliseconds = (long)Math.Round(duration.TotalMilliseconds);
        if (milliseconds <= 0) return "0s";
        (long Size, string Unit)[] units = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1_000, "s")];
        foreach (var (size, unit) in units)
        {
            if (milliseconds % size == 0) return (milliseconds / size).ToString(CultureInfo.InvariantCulture) + unit;
        }

        return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
