using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PromptWatch.Cli.Remote;

/// <summary>
/// Reads a running PromptWatch host over HTTP. Every failure a user can act on (an unreachable host, a refused token, an
/// answer that is not JSON) becomes a <see cref="PromptWatchException"/> with one sentence that names the address
/// without its user info and never the token.
/// </summary>
internal sealed class RemoteHost : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _client;

    private RemoteHost(Uri baseAddress, HttpClient client)
    {
        BaseAddress = baseAddress;
        _client = client;
    }

    /// <summary>The host's address as shown in messages: scheme, host, port and path, without user info or query.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Creates a client for <paramref name="url"/>.</summary>
    /// <exception cref="PromptWatchException">The address is not an absolute http or https URL.</exception>
    public static RemoteHost Create(string url, string? token)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new PromptWatchException($"--url must be an absolute http:// or https:// address (got '{Shown(url)}').");
        }

        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        var baseAddress = new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = RequestTimeout };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new RemoteHost(baseAddress, client);
    }

    /// <summary>Gets <paramref name="path"/> (relative to the base address) and returns the status and body whatever the status.</summary>
    /// <exception cref="PromptWatchException">The host cannot be reached or did not answer in time.</exception>
    public async Task<RemoteAnswer> GetAsync(string path, CancellationToken cancellationToken)
    {
        var address = new Uri(BaseAddress, path);
        try
        {
            using var response = await _client.GetAsync(address, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new RemoteAnswer(address, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (HttpRequestException e)
        {
            var cause = e.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused or host not found" : e.HttpRequestError.ToString();
            throw new PromptWatchException($"Cannot reach {address.GetLeftPart(UriPartial.Path)}: {cause}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PromptWatchException($"{address.GetLeftPart(UriPartial.Path)} did not answer within {RequestTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Gets <paramref name="path"/> and parses its JSON answer, which must have a success status.</summary>
    /// <exception cref="PromptWatchException">Unreachable, a status other than 2xx (401 and 403 say the token), or not JSON.</exception>
    public async Task<(RemoteAnswer Answer, JsonDocument Json)> GetJsonAsync(string path, CancellationToken cancellationToken, params HttpStatusCode[] alsoAccepted)
    {
        var answer = await GetAsync(path, cancellationToken);
        if (!answer.IsSuccess && !alsoAccepted.Contains(answer.Status)) throw answer.Failure();
        return (answer, answer.ParseJson());
    }

    public void Dispose() => _client.Dispose();

    private static string Shown(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal) : url;
}
