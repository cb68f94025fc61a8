namespace PromptWatch.GitHub.Counting;

/// <summary>Counting weeks: each starts on Monday 00:00 in the configured time zone.</summary>
internal sealed class ActivityWeek(TimeZoneInfo timeZone)
{
    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>The start of the week that holds <paramref name="instant"/>, with the zone's offset at that moment.</summary>
    public DateTimeOffset StartOf(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        // Midnight may not exist on a day clocks jump forward: then the week starts at the first valid minute.
        while (TimeZone.IsInvalidTime(monday)) monday = monday.AddMinutes(1);
        return new DateTimeOffset(monday, TimeZone.GetUtcOffset(monday));
    }

    /// <summary>The week's part of counter keys: its Monday, <c>yyyy-MM-dd</c>.</summary>
    public static string Key(DateTimeOffset weekStart) => weekStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
