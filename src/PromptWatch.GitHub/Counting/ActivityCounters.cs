using System.Globalization;
using Microsoft.Extensions.Options;
using PromptWatch.Counters;

namespace PromptWatch.GitHub.Counting;

/// <summary>
/// Weekly counters and hourly trend buckets in the <see cref="ICounterStore"/>. A weekly counter's key holds
/// its week, so a new week starts from zero by itself on every replica; old weeks expire after
/// <see cref="GitHubWebhookOptions.WeekRetention"/>. Trend buckets are UTC hours that expire after
/// <see cref="GitHubWebhookOptions.TrendRetention"/>, which is their clean-up.
/// </summary>
internal sealed class ActivityCounters
{
    private readonly ICounterStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly GitHubWebhookOptions _options;

    public ActivityCounters(ICounterStore store, IOptions<GitHubWebhookOptions> options, TimeProvider timeProvider)
    {
        _store = store;
        _timeProvider = timeProvider;
        _options = options.Value;
        Week = new ActivityWeek(TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone));
    }

    public ActivityWeek Week { get; }

    public DateTimeOffset Now => _timeProvider.GetUtcNow();

    public string DeliveryMarker(string deliveryId) => $"{_options.KeyPrefix}delivery:{deliveryId}";

    /// <summary>The store increments for counts made at <paramref name="at"/>: the week's counter and the hour's bucket.</summary>
    public IReadOnlyList<CounterIncrement> IncrementsFor(IReadOnlyDictionary<string, long> counts, DateTimeOffset at)
    {
        var week = ActivityWeek.Key(Week.StartOf(at));
        var hour = HourKey(at);
        var increments = new List<CounterIncrement>(counts.Count * 2);
        foreach (var (counter, delta) in counts.OrderBy(static c => c.Key, StringComparer.Ordinal))
        {
            increments.Add(new CounterIncrement(WeekCounter(week, counter), delta, _options.WeekRetention));
            increments.Add(new CounterIncrement(HourCounter(hour, counter), delta, _options.TrendRetention));
        }

        return increments;
    }

    /// <summary>This week's value of every counter.</summary>
    public async Task<(DateTimeOffset WeekStart, IReadOnlyDictionary<string, long> Counters)> ThisWeekAsync(CancellationToken cancellationToken)
    {
        var weekStart = Week.StartOf(Now);
        var week = ActivityWeek.Key(weekStart);
        var values = await _store.GetAsync(GitHubCounters.All.Select(c => WeekCounter(week, c)), cancellationToken).ConfigureAwait(false);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in GitHubCounters.All) counters[counter] = values.GetValueOrDefault(WeekCounter(week, counter));
        return (weekStart, counters);
    }

    /// <summary>The last <paramref name="hours"/> hourly buckets of counters, oldest first, ending with the current hour.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TrendBucket>>> TrendsAsync(IReadOnlyList<string> counters, int hours, CancellationToken cancellationToken)
    {
        var now = Now;
        var current = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var starts = Enumerable.Range(0, hours).Select(i => current.AddHours(i - hours + 1)).ToArray();
        var values = await _store.GetAsync(counters.SelectMany(c => starts.Select(s => HourCounter(HourKey(s), c))), cancellationToken).ConfigureAwait(false);
        var trends = new Dictionary<string, IReadOnlyList<TrendBucket>>(StringComparer.Ordinal);
        foreach (var counter in counters)
        {
            trends[counter] = [.. starts.Select(s => new TrendBucket(s, values.GetValueOrDefault(HourCounter(HourKey(s), counter))))];
        }

        return trends;
    }

    /// <summary>Deletes this week's counters (trend buckets stay).</summary>
    public async Task<DateTimeOffset> ResetThisWeekAsync(CancellationToken cancellationToken)
    {
        var weekStart = Week.StartOf(Now);
        var week = ActivityWeek.Key(weekStart);
        await _store.DeleteAsync(GitHubCounters.All.Select(c => WeekCounter(week, c)), cancellationToken).ConfigureAwait(false);
        return weekStart;
    }

    private string WeekCounter(string week, string counter) => $"{_options.KeyPrefix}week:{week}:{counter}";

    private string HourCounter(string hour, string counter) => $"{_options.KeyPrefix}hour:{hour}:{counter}";

    private static string HourKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}

/// <summary>One hour of a trend.</summary>
/// <param name="Start">The hour's start (UTC).</param>
/// <param name="Count">How much the counter grew in that hour.</param>
internal sealed record TrendBucket(DateTimeOffset Start, long Count);
