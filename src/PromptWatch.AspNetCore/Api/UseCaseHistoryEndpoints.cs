using System.Globalization;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Lifecycle;
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
                ChangeEntryJson.Write(writer, version.Change, writeMore: (w, _) => WritePromotion(w, version.Promotion));
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
