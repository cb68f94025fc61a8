using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PromptWatch.AspNetCore.Api;

/// <summary>Writes JSON bodies straight to the response.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The media type of <see cref="ContentType"/>, as the API document names it.</summary>
    public const string MediaType = "application/json";

    /// <summary>How every response of the API writes JSON: non-ASCII text as is (responses are UTF-8, never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> json, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    /// <summary>Writes <paramref name="json"/> in <paramref name="coding"/>, compressing it at the fastest level.</summary>
    public static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> json, ContentCoding coding)
    {
        if (coding == ContentCoding.Identity)
        {
            await WriteAsync(context, json).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        var compressed = CompressedBody.Open(context, coding);
        await using (compressed.ConfigureAwait(false))
        {
            await compressed.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
        }
    }

    public static Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return WriteAsync(context, buffer.WrittenMemory, statusCode);
    }

    /// <summary>Whether the request's <c>If-None-Match</c> names <paramref name="etag"/>; sets the ETag either way.</summary>
    public static bool NotModified(HttpContext context, string etag)
    {
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var value in context.Request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var tag in value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (tag == "*" || tag == etag || tag == "W/" + etag) return true;
            }
        }

        return false;
    }
}
