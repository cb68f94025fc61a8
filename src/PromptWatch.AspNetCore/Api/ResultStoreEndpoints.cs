using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Api;

/// <summary><c>api/s3-debug</c> and <c>api/s3-refresh</c>: the result stores' state, and a listing now (the names the replaced tool used).</summary>
internal static class ResultStoreEndpoints
{
    public static Task DebugAsync(HttpContext context, PromptWatchMonitor monitor)
    {
        var stores = monitor.Current.ResultStores;
        context.Response.Headers.CacheControl = "no-store";
        return JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            // The first store's fields at the top level, as the replaced tool answered for its one bucket.
            if (!stores.IsEmpty) WriteStore(writer, stores[0]);
            writer.WriteStartArray("stores");
            foreach (var store in stores)
            {
                writer.WriteStartObject();
                WriteStore(writer, store);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static async Task<IResult> RefreshAsync(HttpContext context, PromptWatchMonitor monitor)
    {
        var result = await monitor.RefreshResultsAsync(context.RequestAborted).ConfigureAwait(false);
        if (!result.Ok)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "Listing results failed",
                detail: string.Join(" ", result.Errors.Select(static e => $"{e.Key}: {e.Value}")),
                extensions: new Dictionary<string, object?>
                {
                    // "status" is the problem's HTTP status (502); a second "status" key would make the body ambiguous.
                    ["updated_count"] = result.UpdatedCount,
                    ["total_changes"] = result.TotalChanges,
                    ["errors"] = result.Errors,
                });
        }

        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WriteNumber("updated_count", result.UpdatedCount);
            writer.WriteNumber("total_changes", result.TotalChanges);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static void WriteStore(System.Text.Json.Utf8JsonWriter writer, ResultStoreStatus store)
    {
        writer.WriteNumber("index", store.Index);
        writer.WriteString("display_name", store.DisplayName);
        foreach (var (key, value) in store.Description)
        {
            if (key is "index" or "display_name" or "client_ready" or "object_count" or "sample_keys" or "last_error" or "last_refresh" or "known" or "consecutive_failures") continue;
            writer.WriteString(key, value);
        }

        writer.WriteBoolean("known", store.Known);
        writer.WriteBoolean("client_ready", store.Known);
        writer.WriteNumber("object_count", store.ResultCount);
        writer.WriteStartArray("sample_keys");
        foreach (var key in store.SampleKeys) writer.WriteStringValue(key);
        writer.WriteEndArray();
        writer.WriteString("last_error", store.LastError);
        if (store.LastSuccess is { } success) writer.WriteString("last_refresh", success);
        else writer.WriteNull("last_refresh");
        writer.WriteNumber("consecutive_failures", store.ConsecutiveFailures);
    }
}
