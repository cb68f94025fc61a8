using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Lifecycle;
using PromptWatch.Model;
using PromptWatch.Results;
using PromptWatch.Serialization;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The handler of <c>api/usecases/{env}/{usecase}/history</c>: one use case's story in one environment.</summary>
internal static class UseCaseHistoryEndpoints
{
    public static async Task<IResult> GetHistoryAsync(HttpContext context, PromptWatchMonitor monitor, string env, string usecase, string? repository)
    {
        var snapshot = monitor.Current;
        if (UseCaseRepository.Find(snapshot, usecase, repository, out var problem) is not var (status, name)) return problem!;
        var environments = RepositoryEnvironments.Of(status);
        var environment = environments.FirstOrDefault(e => string.Equals(e, env, StringComparison.OrdinalIgnoreCase));
        if (environment is null)
        {
            return UseCaseRepository.Problem(StatusCodes.Status404NotFound, "No such environment", $"'{env}' is not an environment of {status.Name}. Its environments: {string.Join(", ", environments)}.");
        }

        var story = UseCaseStory.Compute(status.Name, snapshot.Timeline, environment, name, environments);
        if (story.Versions.IsEmpty)
        {
            return UseCaseRepository.Problem(StatusCodes.Status404NotFound, "No such use case", $"{name} was never in {environment}.");
        }

        var entries = snapshot.Timeline.Where(e => e.Repository == status.Name).ToDictionary<TimelineEntry, ChangeEntry, TimelineEntry>(static e => e.Change, static e => e, ReferenceEqualityComparer.Instance);
        context.Response.Headers.CacheControl = "no-cache";
        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("repository", status.Name);
            writer.WriteString("environment", environment);
            writer.WriteString("usecase", name);
            LeadTimeJson.Write(writer, story.LeadTime);
            writer.WriteStartArray("versions");
            foreach (var version in story.Versions)
            {
                ChangeEntryJson.Write(writer, version.Change, writeMore: (w, _) =>
                {
                    WritePromotion(w, version.Promotion);
                    if (entries.TryGetValue(version.Change, out var entry)) ScoreJson.WriteChangeScores(w, entry);
                });
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    public static async Task<IResult> GetScoresAsync(HttpContext context, PromptWatchMonitor monitor, string env, string usecase, string? repository)
    {
        var snapshot = monitor.Current;
        if (UseCaseRepository.Find(snapshot, usecase, repository, out var problem) is not var (status, name)) return problem!;
        var environments = RepositoryEnvironments.Of(status);
        var environment = environments.FirstOrDefault(e => string.Equals(e, env, StringComparison.OrdinalIgnoreCase));
        if (environment is null)
        {
            return UseCaseRepository.Problem(StatusCodes.Status404NotFound, "No such environment", $"'{env}' is not an environment of {status.Name}. Its environments: {string.Join(", ", environments)}.");
        }

        var versions = snapshot.Timeline.Where(e => e.Repository == status.Name && e.Change.Environment == environment && e.Change.UseCase == name).ToList();
        if (versions.Count == 0)
        {
            return UseCaseRepository.Problem(StatusCodes.Status404NotFound, "No such use case", $"{name} was never in {environment}.");
        }

        // The timeline is newest first; the series is oldest first.
        var points = versions.Where(static e => !e.Scores.IsEmpty).Reverse().ToList();
        var metrics = new List<ChangeScore>();
        foreach (var score in points.SelectMany(static p => p.Scores))
        {
            if (!metrics.Exists(m => m.Name == score.Name)) metrics.Add(score);
        }

        context.Response.Headers.CacheControl = "no-cache";
        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("repository", status.Name);
            writer.WriteString("environment", environment);
            writer.WriteString("use_case", name);
            writer.WriteStartArray("metrics");
            foreach (var metric in metrics)
            {
                writer.WriteStartObject();
                writer.WriteString("name", metric.Name);
                writer.WriteString("direction", ScoreJson.Direction(metric.Direction));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("points");
            foreach (var point in points)
            {
                var commit = point.Change.Commit;
                writer.WriteStartObject();
                writer.WriteString("commit", commit.Sha);
                writer.WriteString("short_commit", commit.ShortSha);
                writer.WriteString("date", ChangeEntryJson.FormatDate(commit.Date));
                writer.WriteString("author", commit.AuthorName);
                writer.WriteStartObject("scores");
                foreach (var score in point.Scores) writer.WriteNumber(score.Name, score.Value);
                writer.WriteEndObject();
                writer.WriteStartArray("regressed");
                foreach (var score in point.Scores.Where(static s => s.Regressed)) writer.WriteStringValue(score.Name);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static void WritePromotion(System.Text.Json.Utf8JsonWriter writer, Promotion? promotion)
    {
        if (promotion is null)
        {
            writer.WriteNull("promotion");
            return;
        }

        writer.WriteStartObject("promotion");
        writer.WriteString("from", promotion.From);
        writer.WriteString("commit_sha", promotion.Commit.Sha);
        writer.WriteString("commit_date", ChangeEntryJson.FormatDate(promotion.Commit.Date));
        writer.WriteNumber("lead_time_seconds", (long)promotion.LeadTime.TotalSeconds);
        writer.WriteString("text", $"promoted from {promotion.From} at {promotion.Commit.ShortSha}, {Duration(promotion.LeadTime)} after it appeared there");
        writer.WriteEndObject();
    }

    /// <summary>A lead time in its two largest units: "3 days 4 hours", "2 hours 5 minutes", "40 minutes".</summary>
    internal static string Duration(TimeSpan span)
    {
        static string Unit(int count, string name) => count.ToString(CultureInfo.InvariantCulture) + " " + name + (count == 1 ? "" : "s");
        if (span.TotalDays >= 1) return span.Hours == 0 ? Unit(span.Days, "day") : $"{Unit(span.Days, "day")} {Unit(span.Hours, "hour")}";
        if (span.TotalHours >= 1) return span.Minutes == 0 ? Unit(span.Hours, "hour") : $"{Unit(span.Hours, "hour")} {Unit(span.Minutes, "minute")}";
        return Unit(Math.Max(0, (int)span.TotalMinutes), "minute");
    }
}
