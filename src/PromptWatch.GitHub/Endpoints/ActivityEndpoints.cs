using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Counting;
using PromptWatch.GitHub.Hosting;
using PromptWatch.GitHub.Receiving;

namespace PromptWatch.GitHub.Endpoints;

/// <summary>The <c>/api/monitor</c> data endpoints: counters, dashboard, trends, weekly reset, health.</summary>
internal sealed class ActivityEndpoints(ActivityCounters counters, GitHubAlerts alerts, CounterStoreAlerts storeAlerts, WebhookQueue queue, GitHubWebhookStatus status, WebhookDeadLetters deadLetters, ILogger<ActivityEndpoints> logger)
{
    public const int DashboardHours = 24;
    public const int MaxHours = 2160;

    public Task<IResult> CountersAsync(CancellationToken cancellationToken) => GuardAsync(CountersCoreAsync, cancellationToken);

    public Task<IResult> DashboardAsync(CancellationToken cancellationToken) => GuardAsync(DashboardCoreAsync, cancellationToken);

    public Task<IResult> TrendAsync(string counter, int? hours, CancellationToken cancellationToken)
    {
        if (!GitHubCounters.IsKnown(counter)) return Task.FromResult<IResult>(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown counter.", detail: "Counters: " + string.Join(", ", GitHubCounters.All) + "."));
        var span = hours ?? DashboardHours;
        if (span is < 1 or > MaxHours) return Task.FromResult<IResult>(TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid hours.", detail: $"hours must be between 1 and {MaxHours}."));
        return GuardAsync(ct => TrendCoreAsync(counter, span, ct), cancellationToken);
    }

    public Task<IResult> ResetWeeklyAsync(CancellationToken cancellationToken) => GuardAsync(ResetWeeklyCoreAsync, cancellationToken);

    private async Task<IResult> CountersCoreAsync(CancellationToken cancellationToken)
    {
        var (weekStart, values) = await counters.ThisWeekAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new CountersResponse(weekStart, counters.Week.TimeZone.Id, values), GitHubJson.Options);
    }

    private async Task<IResult> DashboardCoreAsync(CancellationToken cancellationToken)
    {
        var (weekStart, values) = await counters.ThisWeekAsync(cancellationToken).ConfigureAwait(false);
        var trends = await counters.TrendsAsync(GitHubCounters.All, DashboardHours, cancellationToken).ConfigureAwait(false);
        var repositories = await counters.ThisWeekByRepositoryAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new DashboardResponse(weekStart, counters.Week.TimeZone.Id, values, trends, repositories, alerts.Recent), GitHubJson.Options);
    }

    // The counter and the span were checked before: a refused request is no call of the store.
    private async Task<IResult> TrendCoreAsync(string counter, int span, CancellationToken cancellationToken)
    {
        var trends = await counters.TrendsAsync([counter], span, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new TrendResponse(counter, span, trends[counter]), GitHubJson.Options);
    }

    private async Task<IResult> ResetWeeklyCoreAsync(CancellationToken cancellationToken)
    {
        var weekStart = await counters.ResetThisWeekAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new ResetResponse("reset", weekStart), GitHubJson.Options);
    }

    /// <summary>
    /// A failing counter store (Redis down) is a 503 naming the cause's type, never its message (it may hold a connection
    /// string), and a <c>counter_store_failing</c> event; the next success clears it.
    /// </summary>
    private async Task<IResult> GuardAsync(Func<CancellationToken, Task<IResult>> action, CancellationToken cancellationToken)
    {
        try
        {
            var result = await action(cancellationToken).ConfigureAwait(false);
            storeAlerts.Succeeded();
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            storeAlerts.Failed();
            GitHubLog.StoreUnavailable(logger, e.GetType().Name);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The counter store is not available.", detail: "Deliveries are still accepted and will be counted when it is back.");
        }
    }

    /// <summary>The dead-lettered deliveries (ids to redeliver from GitHub), most recent last.</summary>
    public IResult DeadLetters()
    {
        var (total, recent) = deadLetters.Read();
        return TypedResults.Json(new DeadLettersResponse(total, recent), GitHubJson.Options);
    }

    /// <summary>Forgets the dead-lettered deliveries, once they were redelivered.</summary>
    public IResult ClearDeadLetters() => TypedResults.Json(new ClearedResponse("cleared", deadLetters.Clear()), GitHubJson.Options);

    public IResult Health()
    {
        var (failingSince, _, processed, lastProcessed) = status.Read();
        var healthy = failingSince is null;
        var (deadLettered, _) = deadLetters.Read();
        return TypedResults.Json(
            new HealthResponse(healthy && deadLettered == 0 ? "healthy" : "degraded", healthy ? "ok" : "failing", failingSince, queue.Count, queue.Capacity, processed, lastProcessed, deadLettered),
            GitHubJson.Options,
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    internal sealed record CountersResponse(DateTimeOffset WeekStart, string TimeZone, IReadOnlyDictionary<string, long> Counters);

    internal sealed record DashboardResponse(DateTimeOffset WeekStart, string TimeZone, IReadOnlyDictionary<string, long> Counters, IReadOnlyDictionary<string, IReadOnlyList<TrendBucket>> Trends, IReadOnlyList<RepositoryActivity> Repositories, IReadOnlyList<GitHubAlert> Alerts);

    internal sealed record TrendResponse(string Counter, int Hours, IReadOnlyList<TrendBucket> Buckets);

    internal sealed record ResetResponse(string Status, DateTimeOffset WeekStart);

    internal sealed record HealthResponse(string Status, string Store, DateTimeOffset? StoreFailingSince, int Queued, int QueueCapacity, long Processed, DateTimeOffset? LastProcessed, long DeadLettered);

    internal sealed record DeadLettersResponse(long Total, IReadOnlyList<DeadLetteredDelivery> Recent);

    internal sealed record ClearedResponse(string Status, int Cleared);
}
