using Microsoft.AspNetCore.Http;
using PromptWatch.GitHub.Alerts;
using PromptWatch.GitHub.Counting;
using PromptWatch.GitHub.Hosting;
using PromptWatch.GitHub.Receiving;

namespace PromptWatch.GitHub.Endpoints;

/// <summary>The <c>/api/monitor</c> data endpoints: counters, dashboard, trends, weekly reset, health.</summary>
internal sealed class ActivityEndpoints(ActivityCounters counters, GitHubAlerts alerts, WebhookQueue queue, GitHubWebhookStatus status)
{
    public const int DashboardHours = 24;
    public const int MaxHours = 2160;

    public async Task<IResult> CountersAsync(CancellationToken cancellationToken)
    {
        var (weekStart, values) = await counters.ThisWeekAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new CountersResponse(weekStart, counters.Week.TimeZone.Id, values), GitHubJson.Options);
    }

    public async Task<IResult> DashboardAsync(CancellationToken cancellationToken)
    {
        var (weekStart, values) = await counters.ThisWeekAsync(cancellationToken).ConfigureAwait(false);
        var trends = await counters.TrendsAsync(GitHubCounters.All, DashboardHours, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new DashboardResponse(weekStart, counters.Week.TimeZone.Id, values, trends, alerts.Recent), GitHubJson.Options);
    }

    public async Task<IResult> TrendAsync(string counter, int? hours, CancellationToken cancellationToken)
    {
        if (!GitHubCounters.IsKnown(counter)) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown counter.", detail: "Counters: " + string.Join(", ", GitHubCounters.All) + ".");
        var span = hours ?? DashboardHours;
        if (span is < 1 or > MaxHours) return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid hours.", detail: $"hours must be between 1 and {MaxHours}.");
        var trends = await counters.TrendsAsync([counter], span, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new TrendResponse(counter, span, trends[counter]), GitHubJson.Options);
    }

    public async Task<IResult> ResetWeeklyAsync(CancellationToken cancellationToken)
    {
        var weekStart = await counters.ResetThisWeekAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new ResetResponse("reset", weekStart), GitHubJson.Options);
    }

    public IResult Health()
    {
        var (failingSince, _, processed, lastProcessed) = status.Read();
        var healthy = failingSince is null;
        return TypedResults.Json(
            new HealthResponse(healthy ? "healthy" : "degraded", healthy ? "ok" : "failing", failingSince, queue.Count, queue.Capacity, processed, lastProcessed),
            GitHubJson.Options,
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    internal sealed record CountersResponse(DateTimeOffset WeekStart, string TimeZone, IReadOnlyDictionary<string, long> Counters);

    internal sealed record DashboardResponse(DateTimeOffset WeekStart, string TimeZone, IReadOnlyDictionary<string, long> Counters, IReadOnlyDictionary<string, IReadOnlyList<TrendBucket>> Trends, IReadOnlyList<GitHubAlert> Alerts);

    internal sealed record TrendResponse(string Counter, int Hours, IReadOnlyList<TrendBucket> Buckets);

    internal sealed record ResetResponse(string Status, DateTimeOffset WeekStart);

    internal sealed record HealthResponse(string Status, string Store, DateTimeOffset? StoreFailingSince, int Queued, int QueueCapacity, long Processed, DateTimeOffset? LastProcessed);
}
