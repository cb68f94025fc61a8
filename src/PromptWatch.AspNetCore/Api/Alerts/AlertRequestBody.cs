using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PromptWatch.AspNetCore.Api.Alerts;

/// <summary>
/// Reads a request's JSON body of at most a size: a larger one is refused (413) before it is parsed, whatever its
/// <c>Content-Length</c> says; a body that is not JSON is a 400 naming the field <c>body</c>. A content type other than
/// JSON is refused (415), so that a form of another site cannot post to the routes with the user's cookie.
/// </summary>
internal static class AlertRequestBody
{
    /// <summary>The body's JSON, an empty object for an empty body when <paramref name="optional"/>; otherwise the problem to answer.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpContext context, long maxBytes, bool optional = false)
    {
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType && !request.HasJsonContentType())
        {
            return (null, AlertProblems.UnsupportedMediaType(contentType));
        }

        if (request.ContentLength > maxBytes) return (null, AlertProblems.TooLarge(maxBytes));
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) return (null, AlertProblems.TooLarge(maxBytes));
        }

        if (buffer.WrittenCount == 0 && optional) return (JsonDocument.Parse("{}"), null);
        try
        {
            return (JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 16 }), null);
        }
        catch (JsonException e)
        {
            return (null, AlertProblems.Invalid("body", $"The body is not valid JSON: {e.Message}"));
        }
    }
}
