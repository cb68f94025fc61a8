using Microsoft.AspNetCore.Http;
using PromptWatch.AspNetCore.Api;

namespace PromptWatch.AspNetCore.Dashboard;

/// <summary>Serves the dashboard page and its files with a strict Content-Security-Policy.</summary>
internal static class DashboardEndpoints
{
    public static async Task<IResult> ServeAsync(HttpContext context, DashboardAssets assets, string name)
    {
        if (name == "index.html" && !(context.Request.Path.Value ?? "/").EndsWith('/'))
        {
            // The page links its files and the API relatively: it must be served from a path ending in '/'.
            return TypedResults.Redirect(context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString);
        }

        if (assets.Find(name) is not { } asset) return TypedResults.NotFound();
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = DashboardAssets.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (JsonResponses.NotModified(context, asset.ETag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Empty;
    }
}
