using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PromptWatch.AspNetCore.Api;

/// <summary>How a response body of the API is encoded.</summary>
internal enum ContentCoding
{
    /// <summary>Not compressed.</summary>
    Identity,

    /// <summary><c>br</c>.</summary>
    Brotli,

    /// <summary><c>gzip</c>.</summary>
    Gzip,
}

/// <summary>Chooses a <see cref="ContentCoding"/> from a request's <c>Accept-Encoding</c>.</summary>
internal static class ContentCodings
{
    /// <summary>
    /// The acceptable coding with the highest q-value: <c>br</c> before <c>gzip</c> when equal, <c>*</c> standing for
    /// either when not named, <c>q=0</c> refusing it. A compressed coding wins unless <c>identity</c> is named with a higher
    /// q-value; without <c>Accept-Encoding</c> (or an unreadable one) the body is not compressed.
    /// </summary>
    public static ContentCoding Choose(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var values)) return ContentCoding.Identity;

        double? brotli = null, gzip = null, identity = null, any = null;
        foreach (var value in values)
        {
            var q = value.Quality ?? 1;
            if (value.Value.Equals("br", StringComparison.OrdinalIgnoreCase)) brotli = Math.Max(brotli ?? 0, q);
            else if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase)) gzip = Math.Max(gzip ?? 0, q);
            else if (value.Value.Equals("identity", StringComparison.OrdinalIgnoreCase)) identity = Math.Max(identity ?? 0, q);
            else if (value.Value.Equals("*", StringComparison.Ordinal)) any = Math.Max(any ?? 0, q);
        }

        var brotliQuality = brotli ?? any ?? 0;
        var gzipQuality = gzip ?? any ?? 0;
        var (best, quality) = brotliQuality >= gzipQuality ? (ContentCoding.Brotli, brotliQuality) : (ContentCoding.Gzip, gzipQuality);
        if (quality <= 0) return ContentCoding.Identity;
        return identity is { } named && named > quality ? ContentCoding.Identity : best;
    }

    /// <summary>The <c>Content-Encoding</c> value, or <see langword="null"/> for identity.</summary>
    public static string? HeaderValue(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => "br",
        ContentCoding.Gzip => "gzip",
        _ => null,
    };
}
