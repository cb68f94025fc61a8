using System.Globalization;
using Microsoft.Extensions.Options;
using PromptWatch.Counters;
using PromptWatch.GitHub.Rescans;

namespace PromptWatch.GitHub.Counting;

/// <summary>
/// Weekly counters and hourly trend buckets in the <see cref="ICounterStore"/>. A weekly counter's key holds
/// its week, so a new week starts from zero by itself on every replica; old weeks expire after
/// <see cref="GitHubWebhookOptions.WeekRetention"/>. Trend buckets are UTC hours that expire after
/// <see cref="GitHubWebhookOptions.TrendRetention"/>, which is their clean-up. Each delivery also counts for the
/// watched repositories it is about (weekly only), or else for "other repositories": one key per watched repository and
/// counter, however many repositories deliver.
/// </summary>
internal sealed class ActivityCounters
{
    private readonly ICounterStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly GitHubWebhookOptions _options;
    private readonly WatchedRepositories _repositories;

    public ActivityCounters(ICounterStore store, WatchedRepositories repositories, IOptions<GitHubWebhookOptions> options, TimeProvider timeProvider)
    {
        _store = store;
        _repositories = repositories;
        _timeProvider = timeProvider;
        _options = options.Value;
        Week = new ActivityWeek(TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone));
    }

    public ActivityWeek Week { get; }

    public DateTimeOffset Now => _timeProvider.GetUtcNow();

    public string DeliveryMarker(string deliveryId) => $"{_options.KeyPrefix}delivery:{deliveryId}";

    /// <summary>
    /// The store increments for counts made at <paramref name="at"/>: the week's counter, the hour's bucket, and the
    /// week's counter of each of <paramref name="repositories"/> (watched repository names; none: other repositories).
    /// </summary>
    public IReadOnlyList<CounterIncrement> IncrementsFor(IReadOnlyDictionary<string, long> counts, DateTimeOffset at, IReadOnlyList<string> repositories)
    {
        var week = ActivityWeek.Key(Week.StartOf(at));
        var hour = HourKey(at);
        var increments = new List<CounterIncrement>(counts.Count * (2 + Math.Max(1, repositories.Count)));
        foreach (var (counter, delta) in counts.OrderBy(static c => c.Key, StringComparer.Ordinal))
        {
            increments.Add(new CounterIncrement(WeekCounter(week, counter), delta, _options.WeekRetention));
            increments.Add(new CounterIncrement(HourCounter(hour, counter), delta, _options.TrendRetention));
            if (repositories.Count == 0) increments.Add(new CounterIncrement(OtherRepositoriesCounter(week, counter), delta, _options.WeekRetention));
            foreach (var repository in repositories) increments.Add(new CounterIncrement(RepositoryCounter(week, repository, counter), delta, _options.WeekRetention));
        }

        return increments;
    }

    /// <summary>This week's counters of each watched repository (configuration order), then of every other repository together.</summary>
    public async Task<IReadOnlyList<RepositoryActivity>> ThisWeekByRepositoryAsync(CancellationToken cancellationToken)
    {
        var week = ActivityWeek.Key(Week.StartOf(Now));
        var keys = RepositoryKeys(week).ToList();
        var values = await _store.GetAsync(keys.Select(static k => k.Key), cancellationToken).ConfigureAwait(false);
        return [.. keys.GroupBy(static k => k.Repository).Select(g => new RepositoryActivity(
            g.Key,
            g.Key is not null,
            g.ToDictionary(static k => k.Counter, k => values.GetValueOrDefault(k.Key), StringComparer.Ordinal)))];
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
        await _store.DeleteAsync(GitHubCounters.All.Select(c => WeekCounter(week, c)).Concat(RepositoryKeys(week).Select(static k => k.Key)), cancellationToken).ConfigureAwait(false);
        return weekStart;
    }

    private string WeekCounter(string week, string counter) => $"{_options.KeyPrefix}week:{week}:{counter}";

    /// <summary>Every per-repository key of a week: each watched repository's counters, then the other repositories' (repository <see langword="null"/>).</summary>
    private IEnumerable<(string? Repository, string Counter, string Key)> RepositoryKeys(string week)
    {
        foreach (var repository in _repositories.Names)
        {
            foreach (var counter in GitHubCounters.All) yield return (repository, counter, RepositoryCounter(week, repository, counter));
        }

        foreach (var counter in GitHubCounters.All) yield return (null, counter, OtherRepositoriesCounter(week, counter));
    }

    private string RepositoryCounter(string week, string repository, string counter) => $"{_options.KeyPrefix}repository-week:{week}:{repository}:{counter}";

    private string OtherRepositoriesCounter(string week, string counter) => $"{_options.KeyPrefix}unwatched-week:{week}:{counter}";

    private string HourCounter(string hour, string counter) => $"{_options.KeyPrefix}hour:{hour}:{counter}";

    private static string HourKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}

/// <summary>A week's counters of one watched repository, or of all the others together.</summary>
/// <param name="Name">The watched repository's name; <see langword="null"/> for the other repositories.</param>
/// <param name="Watched">Whether these are a watched repository's counters.</param>
/// <param name="Counters">The week's value of every counter.</param>
internal sealed record RepositoryActivity(string? Name, bool Watched, IReadOnlyDictionary<string, long> Counters);

/// <summary>One hour of a trend.</summary>
/// <param name="Start">The hour's start (UTC).</param>
/// <param name="Count">How much the counter grew in that hour.</param>
internal sealed record TrendBucket(DateTimeOffset Start, long Count);
