using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Pipelines.Timeline;
using PromptWatch.Serialization;

namespace PromptWatch.AspNetCore.Api;

/// <summary>The handlers of <c>api/changes</c>, <c>api/changes/{sha}/{env}/{usecase}</c> and <c>api/usecases</c>.</summary>
internal static class ChangesEndpoints
{
    /// <summary>How many bytes the streamed timeline buffers before it flushes them to the client.</summary>
    private const int FlushBytes = 64 * 1024;

    public static async Task<IResult> GetChangesAsync(HttpContext context, TimelineViews views, PromptWatchEndpointOptions options, string evalBase)
    {
        var (query, error) = ChangesQuery.Parse(context.Request.Query, options.MaxPageSize);
        if (query is null) return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: error);

        var view = views.Get(evalBase);
        var coding = ContentCodings.Choose(context.Request);
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (JsonResponses.NotModified(context, views.ETagFor(view, coding))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        if (!query.Paged)
        {
            if (query.Filtered)
            {
                await WriteMatchesAsync(context, view, query, coding).ConfigureAwait(false);
            }
            else
            {
                // Stored compressed once per snapshot: served as bytes, like the uncompressed array.
                context.Response.Headers.ContentEncoding = ContentCodings.HeaderValue(coding);
                await JsonResponses.WriteAsync(context, view.ArrayIn(coding)).ConfigureAwait(false);
            }

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

        var limit = query.Limit ?? options.MaxPageSize;
        // The page is assembled in one pooled buffer of its exact size: a page of 50 entries is over 85 KB, and a
        // growing buffer per request put that much on the large object heap every time.
        var size = Math.Max(1, Math.Min(limit, view.Entries.Length));
        var page = ArrayPool<int>.Shared.Rent(size);
        // The entries' bytes are held for the page: a shared view cache may drop one between counting and copying.
        var parts = ArrayPool<byte[]>.Shared.Rent(size);
        var written = 0;
        byte[]? body = null;
        try
        {
            var total = 0;
            var itemBytes = 0;
            for (var i = 0; i < view.Entries.Length; i++)
            {
                if (!query.Matches(view.Entries[i])) continue;
                total++;
                if (i < start || written >= limit) continue;
                var json = view.JsonOf(i);
                itemBytes += json.Length;
                parts[written] = json;
                page[written++] = i;
            }

            var last = written > 0 ? page[written - 1] : -1;
            var hasMore = last >= 0 && HasMatchAfter(view, query, last);
            var cursor = hasMore ? "\"" + PageCursor.Encode(TimelineView.KeyOf(view.Entries[last]), last) + "\"" : "null";
            var tail = System.Text.Encoding.UTF8.GetBytes("],\"next_cursor\":" + cursor + ",\"total\":" + total.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
            var head = "{\"items\":["u8;
            var length = head.Length + itemBytes + Math.Max(0, written - 1) + tail.Length;
            body = ArrayPool<byte>.Shared.Rent(length);
            head.CopyTo(body);
            var position = head.Length;
            for (var k = 0; k < written; k++)
            {
                if (k > 0) body[position++] = (byte)',';
                var json = parts[k];
                json.CopyTo(body, position);
                position += json.Length;
            }

            tail.CopyTo(body, position);
            await JsonResponses.WriteAsync(context, body.AsMemory(0, length), coding).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(page);
            System.Array.Clear(parts, 0, written);
            ArrayPool<byte[]>.Shared.Return(parts);
            if (body is not null) ArrayPool<byte>.Shared.Return(body);
        }

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
                await JsonResponses.WriteAsync(context, view.JsonOf(i)).ConfigureAwait(false);
                return TypedResults.Empty;
            }
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such change", detail: $"No change of '{usecase}' in '{env}' at commit {sha}.");
    }

    public static async Task<IResult> GetUseCasesAsync(HttpContext context, TimelineViews views, string evalBase, PipelineTimeline? pipelines = null)
    {
        var view = views.Get(evalBase);
        // With the pipeline monitor, each use case says which of its versions is deployed: the ETag follows that too.
        var deployed = pipelines is null ? null : await pipelines.VersionsAsync(view.TimelineVersion, view.Entries, context.RequestAborted).ConfigureAwait(false);
        var etag = deployed is null ? views.ETagFor(view) : DeployedUseCases.ETag(views.ETagFor(view), deployed);
        if (JsonResponses.NotModified(context, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);

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
                if (deployed is not null) DeployedUseCases.Write(writer, deployed, new UseCaseKey(repository, environment, useCase));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    /// <summary>
    /// The matching entries as one array, written from their pre-serialized bytes: nothing is copied per request but
    /// the references to the matches' bytes (from a pool), held so that the length counted is the length written even
    /// when a shared view cache drops an entry meanwhile.
    /// </summary>
    private static async Task WriteMatchesAsync(HttpContext context, TimelineView view, ChangesQuery query, ContentCoding coding)
    {
        var matches = ArrayPool<byte[]>.Shared.Rent(Math.Max(1, view.Entries.Length));
        var count = 0;
        try
        {
            long length = 2;
            for (var i = 0; i < view.Entries.Length; i++)
            {
                if (!query.Matches(view.Entries[i])) continue;
                if (count > 0) length++;
                var json = view.JsonOf(i);
                length += json.Length;
                matches[count++] = json;
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = JsonResponses.ContentType;
            if (coding == ContentCoding.Identity)
            {
                context.Response.ContentLength = length;
                await WriteArrayAsync(context.Response.BodyWriter, matches.AsMemory(0, count), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var compressed = CompressedBody.Open(context, coding);
            await using (compressed.ConfigureAwait(false))
            {
                var writer = PipeWriter.Create(compressed, new StreamPipeWriterOptions(minimumBufferSize: FlushBytes, leaveOpen: true));
                await WriteArrayAsync(writer, matches.AsMemory(0, count), context.RequestAborted).ConfigureAwait(false);
                await writer.CompleteAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            // The pool must not keep the entries' bytes alive.
            System.Array.Clear(matches, 0, count);
            ArrayPool<byte[]>.Shared.Return(matches);
        }
    }

    private static async Task WriteArrayAsync(PipeWriter writer, ReadOnlyMemory<byte[]> matches, CancellationToken cancellationToken)
    {
        writer.Write("["u8);
        var unflushed = 1;
        for (var k = 0; k < matches.Length; k++)
        {
            var json = matches.Span[k];
            if (k > 0) writer.Write(","u8);
            writer.Write(json);
            unflushed += json.Length + 1;
            if (unflushed < FlushBytes) continue;
            var flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted) return;
            unflushed = 0;
        }

        writer.Write("]"u8);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
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
