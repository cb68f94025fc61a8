using System.Buffers;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Serialization;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The handlers of <c>api/changes</c>, <c>api/changes/{sha}/{env}/{usecase}</c> and <c>api/usecases</c>.</summary>
internal static class ChangesEndpoints
{
    public static async Task<IResult> GetChangesAsync(HttpContext context, TimelineViews views, PromptWatchEndpointOptions options, string evalBase)
    {
        var (query, error) = ChangesQuery.Parse(context.Request.Query, options.MaxPageSize);
        if (query is null) return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: error);

        var view = views.Get(evalBase);
        var etag = views.ETagFor(view);
        if (JsonResponses.NotModified(context, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        if (!query.Paged && !query.Filtered)
        {
            await JsonResponses.WriteAsync(context, view.Array).ConfigureAwait(false);
            return TypedResults.Empty;
        }

        var start = 0;
        if (query.Cursor is not null)
        {
            if (PageCursor.Decode(query.Cursor, view) is not { } next)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad cursor", detail: "cursor is not a value a previous page returned.");
            }

            start = next;
        }

        var limit = query.Limit ?? (query.Paged ? options.MaxPageSize : int.MaxValue);
        var body = new ArrayBufferWriter<byte>(16 * 1024);
        var total = 0;
        var written = 0;
        var last = -1;
        if (query.Paged) body.Write("{\"items\":["u8);
        else body.Write("["u8);
        for (var i = 0; i < view.Entries.Length; i++)
        {
            if (!query.Matches(view.Entries[i])) continue;
            total++;
            if (i < start || written >= limit) continue;
            if (written > 0) body.Write(","u8);
            body.Write(view.Json[i]);
            written++;
            last = i;
        }

        body.Write("]"u8);
        if (query.Paged)
        {
            var hasMore = last >= 0 && HasMatchAfter(view, query, last);
            body.Write(",\"next_cursor\":"u8);
            if (hasMore) body.Write(System.Text.Encoding.UTF8.GetBytes("\"" + PageCursor.Encode(TimelineView.KeyOf(view.Entries[last]), last) + "\""));
            else body.Write("null"u8);
            body.Write(System.Text.Encoding.UTF8.GetBytes(",\"total\":" + total.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
        }

        await JsonResponses.WriteAsync(context, body.WrittenMemory).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    public static async Task<IResult> GetChangeAsync(HttpContext context, TimelineViews views, string evalBase, string sha, string env, string usecase)
    {
        if (sha.Length < 4 || !sha.All(char.IsAsciiHexDigit))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad commit", detail: "sha must be 4 to 40 hexadecimal characters.");
        }

        var view = views.Get(evalBase);
        for (var i = 0; i < view.Entries.Length; i++)
        {
            var change = view.Entries[i].Change;
            if (change.Commit.Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase)
                && string.Equals(change.Environment, env, StringComparison.OrdinalIgnoreCase)
                && string.Equals(change.UseCase, usecase, StringComparison.OrdinalIgnoreCase))
            {
                if (JsonResponses.NotModified(context, views.ETagFor(view))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                await JsonResponses.WriteAsync(context, view.Json[i]).ConfigureAwait(false);
                return TypedResults.Empty;
            }
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such change", detail: $"No change of '{usecase}' in '{env}' at commit {sha}.");
    }

    public static async Task<IResult> GetUseCasesAsync(HttpContext context, TimelineViews views, string evalBase)
    {
        var view = views.Get(evalBase);
        if (JsonResponses.NotModified(context, views.ETagFor(view))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        // The timeline is newest first: the first entry of a use case is its latest.
        var latest = new Dictionary<(string Repository, string Environment, string UseCase), (TimelineEntry Entry, int Changes)>();
        foreach (var entry in view.Entries)
        {
            if (entry.Change.UseCase is not { } useCase) continue;
            var key = (entry.Repository, entry.Change.Environment, useCase);
            latest[key] = latest.TryGetValue(key, out var seen) ? (seen.Entry, seen.Changes + 1) : (entry, 1);
        }

        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var ((repository, environment, useCase), (entry, changes)) in latest.OrderBy(static p => p.Key.UseCase, StringComparer.Ordinal).ThenBy(static p => p.Key.Environment, StringComparer.Ordinal))
            {
                var state = entry.Change.DisplayState;
                writer.WriteStartObject();
                writer.WriteString("repository", repository);
                writer.WriteString("environment", environment);
                writer.WriteString("usecase", useCase);
                writer.WriteString("model", state?.Model);
                writer.WriteBoolean("enabled", state?.Enabled ?? false);
                writer.WriteBoolean("removed", entry.Change.Kind == Model.ChangeKind.Removed);
                writer.WriteNumber("changes", changes);
                writer.WriteString("last_commit_sha", entry.Change.Commit.Sha);
                writer.WriteString("last_commit_date", ChangeEntryJson.FormatDate(entry.Change.Commit.Date));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static bool HasMatchAfter(TimelineView view, ChangesQuery query, int index)
    {
        for (var i = index + 1; i < view.Entries.Length; i++)
        {
            if (query.Matches(view.Entries[i])) return true;
        }

        return false;
    }
}
