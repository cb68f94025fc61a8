using System.Collections.Immutable;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using PromptWatch.Hosting;
using PromptWatch.Model;
using PromptWatch.Results;

namespace PromptWatch.AspNetCore.Api;

/// <summary>
/// Evaluation reports: <c>eval/{sha}</c> (one file: a redirect to it; several: a page to choose; none: 404),
/// <c>eval/{sha}/{name}</c> (the report itself, size-capped, in a CSP sandbox: reports are untrusted HTML and
/// must not run script in the dashboard's origin) and <c>eval/{sha}/{name}/view</c> (a redirect to the store's
/// own view, a console page or a freshly signed URL).
/// </summary>
internal static class EvaluationEndpoints
{
    private const string ReportPolicy = "sandbox";

    public static IResult Choose(HttpContext context, PromptWatchMonitor monitor, string evalBase, string sha)
    {
        if (Resolve(monitor, sha) is not { } full) return NotFound(context, sha);
        var results = monitor.FindResults(full.Sha);
        if (full.Ambiguous) return ProblemPages.Problem(context, StatusCodes.Status409Conflict, "Ambiguous commit", $"'{sha}' abbreviates more than one commit; give more characters.");
        if (results.IsEmpty) return NotFound(context, sha);
        if (results.Length == 1) return TypedResults.Redirect(ReportUrl(evalBase, full.Sha, results[0]));

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Results of ")
            .Append(full.Sha[..7]).Append("</title></head><body><h1>Evaluation results of ").Append(full.Sha[..7]).Append("</h1><ul>");
        foreach (var result in results)
        {
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(ReportUrl(evalBase, full.Sha, result))).Append("\">")
                .Append(WebUtility.HtmlEncode(result.Result.DisplayName)).Append("</a> <small>").Append(WebUtility.HtmlEncode(result.Result.Key)).Append("</small></li>");
        }

        html.Append("</ul></body></html>");
        return ProblemPages.Page(context, html.ToString(), StatusCodes.Status200OK);
    }

    public static async Task<IResult> ServeAsync(HttpContext context, PromptWatchMonitor monitor, string evalBase, string sha, string name, string? key, long maxBytes)
    {
        if (Find(context, monitor, evalBase, sha, name, key, out var found) is { } missing) return missing;
        if (found.Result.Size > maxBytes) return TooLarge(context, found.Stored, maxBytes);

        Stream stream;
        try
        {
            stream = await found.Store.OpenReadAsync(found.Result, context.RequestAborted).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return ProblemPages.Problem(context, StatusCodes.Status404NotFound, "Report gone", "The report was removed from its store since it was listed.");
        }
        catch (PromptWatchException e)
        {
            return ProblemPages.Problem(context, StatusCodes.Status502BadGateway, "Result store failed", e.Message);
        }

        await using (stream.ConfigureAwait(false))
        {
            context.Response.Headers.ContentSecurityPolicy = ReportPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            if (found.Result.Size is { } size)
            {
                // The listing gave the size: stream the report, never holding it in memory.
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength = size;
                await StreamExactlyAsync(context, stream, size).ConfigureAwait(false);
                return TypedResults.Empty;
            }

            // Size unknown: read at most one byte more than the cap, so a report above it is refused whole.
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) return TooLarge(context, found.Stored, maxBytes);
            }

            return TypedResults.Bytes(buffer.ToArray(), "text/html; charset=utf-8");
        }
    }

    /// <summary>
    /// Copies exactly <paramref name="size"/> bytes. A report that changed since it was listed (shorter or longer)
    /// aborts the response: the client sees a failed download, never a document silently cut to the old size.
    /// </summary>
    private static async Task StreamExactlyAsync(HttpContext context, Stream stream, long size)
    {
        var chunk = new byte[81920];
        var left = size;
        while (left > 0)
        {
            var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), context.RequestAborted).ConfigureAwait(false);
            if (read == 0) break;
            await context.Response.Body.WriteAsync(chunk.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
            left -= read;
        }

        if (left != 0 || await stream.ReadAsync(chunk.AsMemory(0, 1), context.RequestAborted).ConfigureAwait(false) != 0) context.Abort();
    }

    public static IResult View(HttpContext context, PromptWatchMonitor monitor, string evalBase, string sha, string name, string? key, TimeSpan lifetime)
    {
        if (Find(context, monitor, evalBase, sha, name, key, out var found) is { } missing) return missing;
        var url = found.Store is IEvaluationResultLinks links ? links.GetViewUrl(found.Result, lifetime) : null;
        return TypedResults.Redirect(url is null ? ReportUrl(evalBase, found.Sha, found.Stored) : LinkOf(url));
    }

    /// <summary>
    /// The report a request names, or the answer when there is none: 404 for a commit without results, and for a
    /// commit whose results do not include the one asked for a 404 that says so and names those it has.
    /// </summary>
    private static IResult? Find(HttpContext context, PromptWatchMonitor monitor, string evalBase, string sha, string name, string? key, out Found found)
    {
        found = default;
        if (Resolve(monitor, sha) is not { } full) return NotFound(context, sha);
        var results = monitor.FindResults(full.Sha);
        if (results.IsEmpty) return NotFound(context, sha);
        if (Pick(results, name, key) is not { } picked)
        {
            var what = key is null ? $"the use case '{name}'" : $"the key '{key}'";
            var names = string.Join(", ", results.Select(static r => NameOf(r.Result)).Distinct(StringComparer.Ordinal));
            return ProblemPages.Problem(
                context,
                StatusCodes.Status404NotFound,
                "No results for this use case",
                $"Commit {full.Sha[..7]} has evaluation results, but none for {what}. It has results for: {names}.",
                ($"{evalBase}{full.Sha}", $"All results of {full.Sha[..7]}"));
        }

        found = new Found(full.Sha, picked);
        return null;
    }

    /// <summary>
    /// A store's link as it may go in a header or a page: escaped (<see cref="Uri.ToString"/> would unescape a key's
    /// non-ASCII letters, and such a <c>Location</c> header fails the response).
    /// </summary>
    public static string LinkOf(Uri url) => url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;

    /// <summary>The streaming URL of a report: by use case when it has one, with the key to tell files apart.</summary>
    public static string ReportUrl(string evalBase, string sha, StoredEvaluationResult result) =>
        $"{evalBase}{sha}/{Uri.EscapeDataString(NameOf(result.Result))}?key={Uri.EscapeDataString(result.Result.Key)}";

    public static string ViewUrl(string evalBase, string sha, StoredEvaluationResult result) =>
        $"{evalBase}{sha}/{Uri.EscapeDataString(NameOf(result.Result))}/view?key={Uri.EscapeDataString(result.Result.Key)}";

    private static string NameOf(EvaluationResult result) => result.UseCase ?? Path.GetFileNameWithoutExtension(result.Key);

    private static StoredEvaluationResult? Pick(ImmutableArray<StoredEvaluationResult> results, string name, string? key)
    {
        if (key is not null) return results.FirstOrDefault(r => r.Result.Key == key);
        return results.FirstOrDefault(r => r.Result.Kind == EvaluationResultKind.Evaluation && r.Result.UseCase == name)
            ?? results.FirstOrDefault(r => r.Result.UseCase == name)
            ?? results.FirstOrDefault(r => Path.GetFileNameWithoutExtension(r.Result.Key) == name);
    }

    private static (string Sha, bool Ambiguous)? Resolve(PromptWatchMonitor monitor, string sha)
    {
        if (sha.Length is < 7 or > 40 || !sha.All(char.IsAsciiHexDigit)) return null;
        var lower = sha.ToLowerInvariant();
        string? match = null;
        foreach (var entry in monitor.Current.Timeline)
        {
            var candidate = entry.Change.Commit.Sha;
            if (!candidate.StartsWith(lower, StringComparison.Ordinal)) continue;
            if (match is not null && match != candidate) return (match, true);
            match = candidate;
        }

        // A commit that changed no watched file may still have results: look it up as given.
        return (match ?? lower, false);
    }

    private static IResult NotFound(HttpContext context, string sha) =>
        ProblemPages.Problem(context, StatusCodes.Status404NotFound, "No results", $"No evaluation results are listed for commit {sha}.");

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult TooLarge(HttpContext context, StoredEvaluationResult found, long maxBytes) => ProblemPages.Page(
        context,
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report too large</title></head><body><h1>Report too large</h1><p>{WebUtility.HtmlEncode(found.Result.DisplayName)} is larger than {maxBytes / (1024 * 1024)} MiB, the largest report this server shows. Open it in its store: {WebUtility.HtmlEncode(found.Store.DisplayName)}, key {WebUtility.HtmlEncode(found.Result.Key)}.</p></body></html>",
        StatusCodes.Status413PayloadTooLarge);

    /// <summary>A report found: the commit's full id and the stored result.</summary>
    private readonly record struct Found(string Sha, StoredEvaluationResult Stored)
    {
        public IEvaluationResultStore Store => Stored.Store;

        public EvaluationResult Result => Stored.Result;
    }
}
