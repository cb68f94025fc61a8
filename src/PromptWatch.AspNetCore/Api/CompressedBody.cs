using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// Compression of API bodies: the whole timeline once per published snapshot at a high level, pages and
/// filtered results per response at the fastest level.
/// </summary>
internal static class CompressedBody
{
    /// <summary>Brotli quality of the stored timeline: close to the best ratio, a fraction of a second for megabytes.</summary>
    private const int StoredBrotliQuality = 9;

    /// <summary>Compresses <paramref name="data"/> once, to be stored and served many times.</summary>
    public static byte[] Compress(byte[] data, ContentCoding coding)
    {
        using var output = new MemoryStream(Math.Max(256, data.Length / 8));
        using (var compressor = coding switch
        {
            ContentCoding.Brotli => (Stream)new BrotliStream(output, new BrotliCompressionOptions { Quality = StoredBrotliQuality }, leaveOpen: true),
            ContentCoding.Gzip => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "Not a compressed coding."),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Sets <c>Content-Encoding</c> and opens a stream that compresses at the fastest level into the response body; dispose it to finish the body.</summary>
    public static Stream Open(HttpContext context, ContentCoding coding)
    {
        context.Response.Headers.ContentEncoding = ContentCodings.HeaderValue(coding);
        return coding switch
        {
            ContentCoding.Brotli => new BrotliStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true),
            ContentCoding.Gzip => new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "Not a compressed coding."),
        };
    }
}
