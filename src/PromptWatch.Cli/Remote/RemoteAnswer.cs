using System.Net;
using System.Text.Json;

namespace PromptWatch.Cli.Remote;

/// <summary>One answer of a host: where it came from, its status, media type and body.</summary>
internal sealed record RemoteAnswer(Uri Address, HttpStatusCode Status, string? MediaType, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    private string Where => Address.GetLeftPart(UriPartial.Path);

    /// <summary>The body as JSON.</summary>
    /// <exception cref="PromptWatchException">The body is not JSON.</exception>
    public JsonDocument ParseJson()
    {
        try
        {
            return JsonDocument.Parse(Body);
        }
        catch (JsonException)
        {
            throw new PromptWatchException($"{Where} answered {(int)Status} with {MediaType ?? "a body"} that is not JSON; is --url a PromptWatch host?");
        }
    }

    /// <summary>The error for an answer that is not a success: the token for 401 and 403, a problem's detail when it has one.</summary>
    public PromptWatchException Failure()
    {
        var code = (int)Status;
        if (Status == HttpStatusCode.Unauthorized) return new PromptWatchException($"{Where} answered 401 Unauthorized: pass a bearer token with --token or {RemoteOptions.TokenVariable}.");
        if (Status == HttpStatusCode.Forbidden) return new PromptWatchException($"{Where} answered 403 Forbidden: the token may not read it.");
        if (Status == HttpStatusCode.NotFound) return new PromptWatchException($"{Where} answered 404 Not Found: the host does not map it.");
        return new PromptWatchException($"{Where} answered {code}{ProblemDetail()}.");
    }

    private string ProblemDetail()
    {
        try
        {
            using var json = JsonDocument.Parse(Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && (json.RootElement.TryGetProperty("detail", out var detail) || json.RootElement.TryGetProperty("title", out detail))
                && detail.ValueKind == JsonValueKind.String)
            {
                return ": " + detail.GetString()!.TrimEnd('.');
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the status says enough.
        }

        return "";
    }
}
