using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The handlers of <c>api/repositories</c> and <c>api/refresh</c>.</summary>
internal static class RepositoryEndpoints
{
    public static async Task GetRepositoriesAsync(HttpContext context, PromptWatchMonitor monitor)
    {
        var snapshot = monitor.Current;
        context.Response.Headers.CacheControl = "no-cache";
        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var repository in snapshot.Repositories)
            {
                writer.WriteStartObject();
                writer.WriteString("name", repository.Name);
                writer.WriteString("display_name", repository.DisplayName);
                writer.WriteString("branch", repository.Branch);
                writer.WriteString("tip_sha", repository.TipSha);
                WriteDate(writer, "last_scan", repository.LastSuccess);
                WriteDate(writer, "last_attempt", repository.LastAttempt);
                WriteDate(writer, "last_fetch", repository.LastFetch);
                writer.WriteBoolean("last_scan_ok", repository.LastRefreshOk);
                writer.WriteBoolean("scanning", repository.LastAttempt is null);
                writer.WriteString("last_error", repository.LastError);
                writer.WriteString("fetch_warning", repository.FetchWarning);
                writer.WriteNumber("poll_interval_seconds", repository.PollInterval.TotalSeconds);
                writer.WriteNumber("changes", repository.Changes);
                WriteWatchedFiles(writer, repository);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public static async Task<IResult> RefreshAsync(HttpContext context, PromptWatchMonitor monitor, string? repository)
    {
        RefreshResult result;
        try
        {
            result = await monitor.RefreshAsync(repository, context.RequestAborted).ConfigureAwait(false);
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such repository", detail: e.Message);
        }

        if (!result.Ok)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "Refresh failed",
                detail: string.Join(" ", result.Errors.Select(static e => $"{e.Key}: {e.Value}")),
                extensions: new Dictionary<string, object?>
                {
                    // "status" is the problem's HTTP status (502); a second "status" key would make the body ambiguous.
                    ["count"] = result.Count,
                    ["new_changes"] = result.NewChanges,
                    ["errors"] = result.Errors,
                });
        }

        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WriteNumber("count", result.Count);
            writer.WriteNumber("new_changes", result.NewChanges);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    /// <summary>Each watched file at the tip of the last scan (empty before it): path, environment, whether it exists, how many use cases it holds.</summary>
    private static void WriteWatchedFiles(Utf8JsonWriter writer, RepositoryStatus repository)
    {
        writer.WriteStartArray("watched_files");
        foreach (var file in repository.WatchedFiles)
        {
            writer.WriteStartObject();
            writer.WriteString("path", file.Path);
            writer.WriteString("environment", file.Environment);
            writer.WriteBoolean("exists", file.Exists);
            writer.WriteNumber("use_cases", file.UseCases);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? date)
    {
        if (date is { } value) writer.WriteString(name, value);
        else writer.WriteNull(name);
    }
}
