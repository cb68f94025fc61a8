using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// <c>results/commits/{sha}</c> lists a commit's result files; <c>results/{store}/{key}</c> streams one.
/// Only files the last listing found are served. Reports are HTML from a pipeline, so they are served in a
/// CSP sandbox: their scripts run in an opaque origin and cannot reach this site's API or cookies.
/// </summary>
internal static class ResultEndpoints
{
    private const string ReportPolicy = "sandbox allow-scripts allow-popups";

    public static async Task<IResult> GetResultAsync(HttpContext context, TimelineViews views, string resultsBase, int store, string key)
    {
        var view = views.Get(resultsBase);
        if (view.FindResult($"{store}/{key}") is not { } found)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such result", detail: "No evaluation result is listed under that key.");
        }

        Stream content;
        try
        {
            content = await found.Store.OpenReadAsync(found.Result, context.RequestAborted).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Result gone", detail: "The result file was removed from its store.");
        }
        catch (PromptWatchException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Result store failed", detail: e.Message);
        }

        await using (content.ConfigureAwait(false))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentSecurityPolicy = ReportPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }

        return TypedResults.Empty;
    }

    public static async Task<IResult> ListCommitAsync(HttpContext context, TimelineViews views, string resultsBase, string sha)
    {
        var view = views.Get(resultsBase);
        var results = view.Entries
            .Where(e => e.Change.Commit.Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase))
            .SelectMany(static e => e.Results)
            .DistinctBy(TimelineView.ResultPath)
            .ToList();
        if (sha.Length < 4 || results.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No results", detail: $"No evaluation results are listed for commit {sha}.");
        }

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Results of ")
            .Append(WebUtility.HtmlEncode(sha)).Append("</title></head><body><h1>Evaluation results of ").Append(WebUtility.HtmlEncode(sha)).Append("</h1><ul>");
        foreach (var result in results)
        {
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(resultsBase + TimelineView.EscapePath(TimelineView.ResultPath(result)))).Append("\">")
                .Append(WebUtility.HtmlEncode(result.Result.DisplayName)).Append("</a> (").Append(WebUtility.HtmlEncode(result.Store.DisplayName)).Append(")</li>");
        }

        html.Append("</ul></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Empty;
    }
}
