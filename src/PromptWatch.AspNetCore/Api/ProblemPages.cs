using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// An error of a page a browser opens (a report link, say): an HTML page with the same status for a request that
/// accepts <c>text/html</c>, problem details for every other client.
/// </summary>
internal static class ProblemPages
{
    /// <summary>The policy of pages the server writes itself: no script, no style, no frame.</summary>
    public const string PagePolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Whether the client asked for HTML (a browser opening a link), not JSON.</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(static accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The error as a page or as problem details, as the client asked; a page may link onwards (<paramref name="link"/>).</summary>
    public static IResult Problem(HttpContext context, int statusCode, string title, string detail, (string Url, string Text)? link = null)
    {
        if (!WantsHtml(context.Request)) return TypedResults.Problem(statusCode: statusCode, title: title, detail: detail);
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title></head><body><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><p>")
            .Append(WebUtility.HtmlEncode(detail)).Append("</p>");
        if (link is { } onwards) html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(onwards.Url)).Append("\">").Append(WebUtility.HtmlEncode(onwards.Text)).Append("</a></p>");
        html.Append("</body></html>");
        return Page(context, html.ToString(), statusCode);
    }

    /// <summary>A page written by the server, under <see cref="PagePolicy"/>.</summary>
    public static ContentHttpResult Page(HttpContext context, string html, int statusCode)
    {
        context.Response.Headers.ContentSecurityPolicy = PagePolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
