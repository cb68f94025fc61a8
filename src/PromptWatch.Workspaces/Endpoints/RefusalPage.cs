using System.Net;
using Microsoft.AspNetCore.Http;

namespace PromptWatch.Workspaces;

/// <summary>
/// A workspace request that is refused (no such workspace, not yours, a limit reached, not signed in): an HTML page
/// with the same status for a browser opening the workspace (<c>Accept: text/html</c>), problem details for every
/// other client.
/// </summary>
internal static class RefusalPage
{
    private const string PagePolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IResult Problem(HttpContext context, int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var wantsHtml = context.Request.Headers.Accept.Any(static accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (!wantsHtml) return TypedResults.Problem(statusCode: statusCode, title: title, detail: detail, extensions: extensions);
        context.Response.Headers.ContentSecurityPolicy = PagePolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>"
            + WebUtility.HtmlEncode(title) + "</title></head><body><h1>" + WebUtility.HtmlEncode(title) + "</h1><p>" + WebUtility.HtmlEncode(detail) + "</p></body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
    }
}
